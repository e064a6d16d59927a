namespace Forklift.Runtime.Tests;

/// <summary>
/// What the tests of calls on real worker processes share: a temporary folder for the gate files their methods wait
/// on, the pools they made (terminated when the test ends), and the states they wait for. Every wait is for a state
/// (a file the method writes once it runs, a pid), bounded by <see cref="Wait"/>, never for time to pass by itself.
/// </summary>
public abstract class RealPoolTestBase : IDisposable
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly List<WorkerPool> _pools = [];

    protected RealPoolTestBase(string folderPrefix)
    {
        Folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
    }

    /// <summary>The test's own temporary folder, deleted when it ends.</summary>
    protected string Folder { get; }

    public void Dispose()
    {
        // Terminate, not DisposeAsync: after a failed assertion a gated call never ends, and disposing would wait for it.
        foreach (WorkerPool pool in _pools)
        {
            pool.Terminate();
        }

        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected WorkerPool NewPool(WorkerPoolOptions options)
    {
        var pool = new WorkerPool(options);
        _pools.Add(pool);
        return pool;
    }

    /// <summary>Runs a caller on a thread of its own, as an app's thread would, so the test can see that it has not
    /// returned yet; not on the test's thread pool.</summary>
    protected static Task<T> OnOwnThread<T>(Func<T> body)
        => Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    protected static Task OnOwnThread(Action body)
        => Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The pid <see cref="TestMethods.WaitForFile"/> writes into <c>gate.started</c> once it runs.</summary>
    protected static async Task<int> StartedPidAsync(string gate)
    {
        string started = gate + ".started";
        int pid = 0;
        await FixtureApps.WaitUntilAsync(() => File.Exists(started) && int.TryParse(File.ReadAllText(started), out pid), Wait, () => $"{started} to name the worker running the call");
        return pid;
    }

    /// <summary>Records reports as they come, on the reporting thread (<see cref="Progress{T}"/> would post them later).</summary>
    protected sealed class ListProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
