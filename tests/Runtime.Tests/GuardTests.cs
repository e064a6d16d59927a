using System.Diagnostics;
using Forklift.Dispatch;
using Forklift.Workers;
using Microsoft.Extensions.Logging;

namespace Forklift.Runtime.Tests;

/// <summary>
/// Guards around the pool itself: options checked when it is built, a bounded dispose, a logger that throws, output
/// that never ends its line, an app started as a worker without the guard line, a pool inside a worker, and workers
/// killed while they start. Real processes.
/// </summary>
public sealed class GuardTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public static TheoryData<string, Action<WorkerPoolOptions>> BadOptions => new()
    {
        { nameof(WorkerPoolOptions.TaskTimeout), o => o.TaskTimeout = TimeSpan.Zero },
        { nameof(WorkerPoolOptions.TaskTimeout), o => o.TaskTimeout = TimeSpan.FromSeconds(-1) },
        { nameof(WorkerPoolOptions.MaxTasksPerWorker), o => o.MaxTasksPerWorker = 0 },
        { nameof(WorkerPoolOptions.MaxWorkerMemory), o => o.MaxWorkerMemory = -1 },
        { nameof(WorkerPoolOptions.CancellationGracePeriod), o => o.CancellationGracePeriod = TimeSpan.FromSeconds(-1) },
        { nameof(WorkerPoolOptions.WorkerStartTimeout), o => o.WorkerStartTimeout = TimeSpan.Zero },
        { nameof(WorkerPoolOptions.Workers), o => o.Workers = 0 },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Nonsensical_options_are_refused_when_the_pool_is_built_naming_the_option(string option, Action<WorkerPoolOptions> spoil)
    {
        var options = new WorkerPoolOptions();
        spoil(options);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerPool(options));

        Assert.Equal(option, error.ParamName);
        Assert.Contains($"WorkerPoolOptions.{option}", error.Message);
    }

    [Fact]
    public async Task DisposeAsync_with_a_timeout_kills_what_did_not_drain_and_fails_its_calls()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        var started = new CallStarted();
        Task<int> endless = pool.InvokeAsync(TestMethods.Sleep, int.MaxValue, started.Sink);
        int pid = await started.ProcessId.WaitAsync(Wait);

        await pool.DisposeAsync(TimeSpan.FromMilliseconds(200)).AsTask().WaitAsync(Wait);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => endless.WaitAsync(Wait));
        await ExitAsync(pid);
    }

    [Fact]
    public async Task A_logger_that_throws_neither_ends_the_app_nor_wedges_DisposeAsync()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, Logger = new ThrowingLogger() });
        int printed = await pool.InvokeAsync(TestMethods.Print, 1).WaitAsync(Wait);

        // A crash is logged (and its stderr lines are) on the pool's own threads.
        await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(TestMethods.Exit, 3).WaitAsync(Wait));
        int next = await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);
        await pool.DisposeAsync().AsTask().WaitAsync(Wait);

        Assert.Equal(1, printed);
        await ExitAsync(next);
    }

    [Fact]
    public async Task A_line_without_end_is_forwarded_in_bounded_pieces_and_nothing_is_lost()
    {
        const int Length = 64 * 1024 * 1024;
        var logger = new LineLengthLogger();
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, Logger = logger });

        Assert.Equal(Length, await pool.InvokeAsync(TestMethods.WriteLongLine, Length).WaitAsync(Wait));

        // The last piece follows the response; ask until it has been counted.
        await FixtureApps.WaitUntilAsync(() => logger.Characters >= Length, Wait, () => $"{Length} characters; got {logger.Characters}");
        Assert.Equal(Length, logger.Characters);
        Assert.InRange(logger.Longest, 1, Transport.OutputLineReader.MaxLineBytes);
    }

    [Fact]
    public async Task An_app_started_as_a_worker_without_the_guard_line_stops_and_the_call_names_the_line()
    {
        await FixtureApps.EnsureBuiltAsync();
        var options = new WorkerPoolOptions
        {
            Workers = 1,
            ForwardWorkerOutput = false,

            // What a self-contained app does: start itself. This one's Main skips the guard, as if it were missing.
            LaunchOverride = launch => launch with { Arguments = [Path.Combine(FixtureApps.Output("ConsoleApp"), "ConsoleApp.dll"), .. launch.Arguments.TakeLast(3)] },
        };
        options.EnvironmentVariables["FIXTURE_SKIP_GUARD"] = "1";
        await using var pool = new WorkerPool(options);

        WorkerStartException error = await Assert.ThrowsAsync<WorkerStartException>(() => pool.InvokeAsync(TestMethods.Echo, 1).WaitAsync(Wait));

        Assert.Contains("`if (WorkerHost.TryRunAsWorker(args)) return;`", error.Message);

        // It stopped at its pool instead of starting workers of its own (and printing its result).
        Assert.Contains(error.StandardErrorTail, line => line.Contains("Stopping here instead of starting workers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pool_inside_a_worker_runs_its_calls_in_that_worker()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        Assert.Equal(1, await pool.InvokeAsync(TestMethods.NestedPid, Unit.Value).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_replacement_killed_while_it_starts_does_not_fail_calls_that_never_reached_a_worker()
    {
        string dir = Directory.CreateTempSubdirectory("forklift-starts-").FullName;
        var options = new WorkerPoolOptions
        {
            Workers = 1,
            ForwardWorkerOutput = false,

            // Every worker announces its pid, then waits for "go" before it becomes the worker (exec keeps the pid).
            LaunchOverride = launch => new WorkerLaunch("sh", ["-c", "echo $$ > \"$FORKLIFT_TEST_DIR/pid-$$\"; while [ ! -e \"$FORKLIFT_TEST_DIR/go\" ]; do sleep 0.05; done; exec \"$@\"", "sh", launch.FileName, .. launch.Arguments]),
        };
        options.EnvironmentVariables["FORKLIFT_TEST_DIR"] = dir;
        var pool = new WorkerPool(options);
        try
        {
            Task<int> call = pool.InvokeAsync(TestMethods.Echo, 7);
            int first = await PidFileAsync(dir, except: null);

            Process.GetProcessById(first).Kill(); // SIGKILL while it starts, like an OOM killer.

            // The pool starts another worker for the call instead of failing it.
            int second = await PidFileAsync(dir, except: first);
            Assert.NotEqual(first, second);
            Assert.False(call.IsCompleted, call.Exception?.ToString());
            File.WriteAllText(Path.Combine(dir, "go"), string.Empty);
            Assert.Equal(7, await call.WaitAsync(Wait));
        }
        finally
        {
            pool.Terminate();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> PidFileAsync(string dir, int? except)
    {
        int found = 0;
        await FixtureApps.WaitUntilAsync(
            () =>
            {
                foreach (string file in Directory.GetFiles(dir, "pid-*"))
                {
                    if (int.TryParse(Path.GetFileName(file)[4..], out int pid) && pid != except && File.ReadAllText(file).Trim() == pid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    {
                        found = pid;
                        return true;
                    }
                }

                return false;
            },
            Wait,
            () => "a worker to announce its pid");
        return found;
    }

    private static async Task ExitAsync(int pid)
    {
        await FixtureApps.WaitUntilAsync(
            () =>
            {
                try
                {
                    using Process process = Process.GetProcessById(pid);
                    return process.HasExited;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    return true;
                }
            },
            Wait,
            () => $"worker {pid} to exit");
    }

    private sealed class ThrowingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => throw new IOException("disk full");

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => throw new IOException("disk full");
    }

    /// <summary>Counts the characters of the workers' stderr lines and keeps the longest, without keeping the lines.</summary>
    private sealed class LineLengthLogger : ILogger
    {
        private long _characters;
        private int _longest;

        public long Characters => Interlocked.Read(ref _characters);

        public int Longest => Volatile.Read(ref _longest);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string message = formatter(state, exception);
            int at = message.IndexOf(" stderr: ", StringComparison.Ordinal);
            if (at < 0)
            {
                return;
            }

            int length = message.Length - at - " stderr: ".Length;
            Interlocked.Add(ref _characters, length);
            if (length > _longest)
            {
                Volatile.Write(ref _longest, length);
            }
        }
    }
}
