using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>Calls that succeed or throw normally, through real worker processes under <c>dotnet test</c> (which
/// proves test-assembly hosting: the workers load this assembly by name and run its module initializer).</summary>
public sealed class InvokeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly WorkerPool _pool = new(new WorkerPoolOptions { Workers = 2 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pool.DisposeAsync();

    [Fact]
    public async Task InvokeAsync_runs_the_method_in_another_process()
    {
        int result = await _pool.InvokeAsync(TestMethods.Add, (2, 40)).WaitAsync(Wait);
        int pid = await _pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);

        Assert.Equal(42, result);
        Assert.NotEqual(Environment.ProcessId, pid);
    }

    [Fact]
    public async Task Worker_initializer_ran_once_before_the_first_call()
    {
        int runs = await _pool.InvokeAsync(TestMethods.InitializerRuns, Unit.Value).WaitAsync(Wait);

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task An_exception_in_the_worker_keeps_its_type_message_stacks_and_inner()
    {
        InvalidOperationException? caught = null;
        try
        {
            await _pool.InvokeAsync(TestMethods.Throw, "bad input").WaitAsync(Wait);
        }
        catch (InvalidOperationException e)
        {
            caught = e;
        }

        // A well-known framework type is raised as itself; its inner RemoteException holds the worker's side.
        InvalidOperationException error = Assert.IsType<InvalidOperationException>(caught);
        Assert.Equal("bad input", error.Message);
        Assert.Contains("ThrowNested", error.StackTrace);
        RemoteException remote = Assert.IsType<RemoteException>(error.InnerException);
        Assert.Equal("System.InvalidOperationException", remote.RemoteType);
        Assert.Contains("ThrowNested", remote.RemoteStackTrace);
        ArgumentException inner = Assert.IsType<ArgumentException>(remote.InnerException);
        Assert.Equal("System.ArgumentException", Assert.IsType<RemoteException>(inner.InnerException).RemoteType);
        string text = error.ToString();
        Assert.Contains("System.InvalidOperationException", text);
        Assert.Contains("the inner cause", text);
        Assert.Contains("ThrowNested", text);
        Assert.Contains(nameof(An_exception_in_the_worker_keeps_its_type_message_stacks_and_inner), text);
    }

    [Fact]
    public async Task Progress_reports_arrive_in_order_before_the_result()
    {
        var reports = new List<int>();
        var sink = ProgressSink.Create(new SynchronousProgress<int>(reports.Add), TestCodecs.Int32);

        int result = await _pool.InvokeAsync(TestMethods.CountWithProgress, 50, sink).WaitAsync(Wait);

        Assert.Equal(50, result);
        Assert.Equal(Enumerable.Range(1, 50), reports);
    }

    [Fact]
    public async Task MapAsync_returns_results_in_input_order()
    {
        int[] inputs = Enumerable.Range(0, 1000).ToArray();

        int[] results = await _pool.MapAsync(TestMethods.Add, inputs.Select(i => (i, i))).WaitAsync(Wait);

        Assert.Equal(inputs.Select(i => 2 * i), results);
    }

    [Fact]
    public async Task MapAsync_fails_with_the_failing_input()
    {
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => _pool.MapAsync(TestMethods.FailOnSeven, Enumerable.Range(0, 20)).WaitAsync(Wait));

        Assert.StartsWith("Input 7: refused 7", error.Message);
    }

    [Fact]
    public async Task MapAsync_with_several_failures_names_an_input_that_failed_with_its_own_error()
    {
        // Every input fails; which failure arrives first depends on the workers, so the test checks that the input
        // named in the message is the one whose error it carries.
        string?[] inputs = ["a", "b", "c"];

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => _pool.MapAsync(TestMethods.Throw, inputs).WaitAsync(Wait));

        Match named = Regex.Match(error.Message, @"^Input (\d+): (.*)$");
        Assert.True(named.Success, error.Message);
        Assert.Equal(inputs[int.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture)], named.Groups[2].Value);
    }

    [Fact]
    public async Task UnorderedAsync_yields_every_index_once()
    {
        var seen = new Dictionary<int, int>();
        await foreach ((int index, int result) in _pool.UnorderedAsync(TestMethods.Echo, Enumerable.Range(100, 300)).WithCancellation(new CancellationTokenSource(Wait).Token))
        {
            seen.Add(index, result);
        }

        Assert.Equal(300, seen.Count);
        Assert.All(seen, pair => Assert.Equal(pair.Key + 100, pair.Value));
    }

    [Fact]
    public async Task Console_output_in_the_worker_does_not_corrupt_the_protocol()
    {
        int first = await _pool.InvokeAsync(TestMethods.Print, 7).WaitAsync(Wait);
        int second = await _pool.InvokeAsync(TestMethods.Echo, 8).WaitAsync(Wait);

        Assert.Equal(7, first);
        Assert.Equal(8, second);
    }

    [Fact]
    public async Task The_worker_activity_is_a_child_of_the_callers()
    {
        using var parent = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

        string? seen = await _pool.InvokeAsync(TestMethods.Trace, Unit.Value).WaitAsync(Wait);

        Assert.NotNull(seen);
        string[] parts = seen.Split(' ');
        Assert.Equal(parent.TraceId.ToString(), parts[0]);
        Assert.NotEqual(default(ActivitySpanId).ToHexString(), parts[1]);
        Assert.Same(parent, Activity.Current);
    }

    [Fact]
    public async Task Environment_variables_reach_the_workers()
    {
        var options = new WorkerPoolOptions { Workers = 1 };
        options.EnvironmentVariables["FORKLIFT_TEST_VALUE"] = "seen in worker";
        await using var pool = new WorkerPool(options);

        string? value = await pool.InvokeAsync(TestMethods.Env, "FORKLIFT_TEST_VALUE").WaitAsync(Wait);

        Assert.Equal("seen in worker", value);
    }

    [Fact]
    public async Task InProcess_isolation_runs_in_this_process()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 2, Isolation = WorkerPoolIsolation.InProcess });
        var reports = new List<int>();

        int pid = await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);
        int[] mapped = await pool.MapAsync(TestMethods.Echo, [1, 2, 3]).WaitAsync(Wait);
        await pool.InvokeAsync(TestMethods.CountWithProgress, 3, ProgressSink.Create(new SynchronousProgress<int>(reports.Add), TestCodecs.Int32)).WaitAsync(Wait);

        Assert.Equal(Environment.ProcessId, pid);
        Assert.Equal([1, 2, 3], mapped);
        Assert.Equal([1, 2, 3], reports);
    }

    [Fact]
    public async Task WarmUpAsync_starts_every_worker()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 2 });
        await pool.WarmUpAsync().WaitAsync(Wait);

        Task<int> a = pool.InvokeAsync(TestMethods.Sleep, 300);
        Task<int> b = pool.InvokeAsync(TestMethods.Sleep, 300);
        int[] pids = await Task.WhenAll(a, b).WaitAsync(Wait);

        Assert.NotEqual(pids[0], pids[1]);
    }

    [Fact]
    public async Task Many_concurrent_callers_each_get_their_own_results_exactly_once()
    {
        const int Callers = 64;
        const int CallsEach = 150;
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 2 });

        int[][] results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            int[] mine = new int[CallsEach];
            for (int i = 0; i < CallsEach; i++)
            {
                mine[i] = await pool.InvokeAsync(TestMethods.Add, (caller * 100_000, i));
            }

            return mine;
        }))).WaitAsync(Wait);

        for (int caller = 0; caller < Callers; caller++)
        {
            Assert.Equal(Enumerable.Range(0, CallsEach).Select(i => (caller * 100_000) + i), results[caller]);
        }
    }

    [Fact]
    public async Task Disposed_pool_refuses_new_calls()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        Assert.Equal(5, await pool.InvokeAsync(TestMethods.Echo, 5).WaitAsync(Wait));
        await pool.DisposeAsync().AsTask().WaitAsync(Wait);

        Assert.Throws<ObjectDisposedException>(() => { _ = pool.InvokeAsync(TestMethods.Echo, 6); });
    }

    [Fact]
    public async Task DisposeAsync_waits_for_running_calls()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        Task<int> running = pool.InvokeAsync(TestMethods.Sleep, 500);
        Task<int> queued = pool.InvokeAsync(TestMethods.Echo, 9);

        await pool.DisposeAsync().AsTask().WaitAsync(Wait);

        Assert.True(running.IsCompletedSuccessfully);
        Assert.Equal(9, await queued);
    }

    [Fact]
    public async Task Default_pool_is_shared_and_works()
    {
        Assert.Same(WorkerPool.Default, WorkerPool.Default);
        Assert.Equal(Environment.ProcessorCount, WorkerPool.Default.WorkerCount);

        Assert.Equal(3, await WorkerPool.Default.InvokeAsync(TestMethods.Echo, 3).WaitAsync(Wait));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
