using System.Diagnostics;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>How the pool behaves when workers crash, hang, break the protocol or fail to start. Real processes.</summary>
public sealed class FaultTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FailFast_fails_the_call_with_WorkerCrashedException_and_the_pool_heals()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 2, ForwardWorkerOutput = false });
        Task<int> other = pool.InvokeAsync(TestMethods.Sleep, 500);
        Task crash = pool.InvokeAsync(TestMethods.FailFast, Unit.Value);
        Task<int> queued = pool.InvokeAsync(TestMethods.Echo, 11);

        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => crash.WaitAsync(Wait));

        Assert.Equal("FailFast", error.MethodName);
        Assert.Equal(6, error.Signal);
        Assert.Contains(error.StandardErrorTail, line => line.Contains("test asked for FailFast", StringComparison.Ordinal));
        Assert.Equal(11, await queued.WaitAsync(Wait));
        Assert.NotEqual(0, await other.WaitAsync(Wait));
        Assert.Equal(12, await pool.InvokeAsync(TestMethods.Echo, 12).WaitAsync(Wait));
    }

    [Fact]
    public async Task Environment_Exit_reports_the_exit_code()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, ForwardWorkerOutput = false });

        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(TestMethods.Exit, 42).WaitAsync(Wait));

        Assert.Equal(42, error.ExitCode);
        Assert.Null(error.Signal);
        Assert.Contains("exiting with 42", error.Message);
        Assert.Equal(5, await pool.InvokeAsync(TestMethods.Echo, 5).WaitAsync(Wait));
    }

    [Fact]
    public async Task Stack_overflow_crashes_only_the_worker()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, ForwardWorkerOutput = false });

        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(TestMethods.StackOverflow, 0).WaitAsync(Wait));

        Assert.Equal("StackOverflow", error.MethodName);

        // The runtime aborts the process: reported as the signal, not as exit code 134.
        Assert.Equal(6, error.Signal);
        Assert.Null(error.ExitCode);
        Assert.Equal(5, await pool.InvokeAsync(TestMethods.Echo, 5).WaitAsync(Wait));
    }

    [Fact]
    public async Task SIGKILL_from_outside_fails_the_running_call_and_a_replacement_serves_the_queue()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        var started = new CallStarted();
        Task<int> running = pool.InvokeAsync(TestMethods.Sleep, 60_000, started.Sink);
        Task<int> queued = pool.InvokeAsync(TestMethods.Echo, 7);
        int pid = await started.ProcessId.WaitAsync(Wait);

        Process.GetProcessById(pid).Kill();

        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => running.WaitAsync(Wait));
        Assert.Equal(9, error.Signal);
        Assert.Equal(pid, error.ProcessId);
        Assert.Equal(7, await queued.WaitAsync(Wait));
        Assert.NotEqual(pid, await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
    }

    [Fact]
    public async Task Worker_killing_itself_is_a_crash_not_a_hang()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(TestMethods.KillSelf, Unit.Value).WaitAsync(Wait));
        Assert.Equal(1, await pool.InvokeAsync(TestMethods.Echo, 1).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_hung_call_times_out_its_worker_is_killed_and_the_pool_heals()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, TaskTimeout = TimeSpan.FromMilliseconds(500) });

        // Only the hung call is meant to meet the 500 ms pool timeout; on a loaded machine a fresh worker's first call
        // can take that long too, so the pid calls carry their own generous [Parallel(TimeoutMilliseconds)].
        var pidCall = new ParallelMethod<Unit, int>(TestMethods.Pid.Id, "Pid", typeof(TestMethods), TestCodecs.Unit, TestCodecs.Int32, (_, _) => ValueTask.FromResult(0), new ParallelMethodOptions { Timeout = Wait });
        int before = await pool.InvokeAsync(pidCall, Unit.Value).WaitAsync(Wait);

        TimeoutException error = await Assert.ThrowsAnyAsync<TimeoutException>(() => pool.InvokeAsync(TestMethods.Sleep, 60_000).WaitAsync(Wait));

        Assert.IsType<WorkerTimeoutException>(error);

        // The call fails when the kill is sent; the worker is gone soon after.
        await ExitAsync(before);
        Assert.NotEqual(before, await pool.InvokeAsync(pidCall, Unit.Value).WaitAsync(Wait));
    }

    [Fact]
    public async Task Cancelling_a_queued_call_completes_it_at_once_and_it_never_runs()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        Task<int> blocker = pool.InvokeAsync(TestMethods.Sleep, 1000);
        using var cts = new CancellationTokenSource();
        Task<int> queued = pool.InvokeAsync(TestMethods.Echo, 3, cancellationToken: cts.Token);

        cts.Cancel();

        Assert.True(queued.IsCanceled);
        Assert.NotEqual(0, await blocker.WaitAsync(Wait));
        Assert.Equal(4, await pool.InvokeAsync(TestMethods.Echo, 4).WaitAsync(Wait));
    }

    [Fact]
    public async Task Cancelling_a_running_call_that_takes_a_token_forwards_it_and_keeps_the_worker()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, CancellationGracePeriod = TimeSpan.FromSeconds(20) });
        using var cts = new CancellationTokenSource();
        var started = new CallStarted();
        Task<int> running = pool.InvokeAsync(TestMethods.SleepWithToken, 60_000, started.Sink, cts.Token);
        int pid = await started.ProcessId.WaitAsync(Wait);

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(Wait));
        Assert.Equal(pid, await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
    }

    [Fact]
    public async Task Cancelling_a_running_call_without_a_token_abandons_it_and_kills_the_worker_after_the_grace_period()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, CancellationGracePeriod = TimeSpan.FromMilliseconds(200) });
        using var cts = new CancellationTokenSource();
        var started = new CallStarted();
        Task<int> running = pool.InvokeAsync(TestMethods.Sleep, 60_000, started.Sink, cts.Token);
        int pid = await started.ProcessId.WaitAsync(Wait);

        cts.Cancel();

        Assert.True(running.IsCanceled);
        int next = await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);
        Assert.NotEqual(pid, next);
        Assert.False(IsAlive(pid));
    }

    [Theory]
    [InlineData(0, "limit")]
    [InlineData(1, "truncated")]
    [InlineData(2, "limit")]
    [InlineData(3, "ended early")]
    public async Task Garbage_on_the_protocol_stream_fails_that_call_clearly_and_the_pool_heals(int kind, string expected)
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, MaxMessageBytes = 64 * 1024 });

        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(TestMethods.WriteGarbage, kind).WaitAsync(Wait));

        Assert.Contains("protocol", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.Equal(2, await pool.InvokeAsync(TestMethods.Echo, 2).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_result_above_MaxMessageBytes_fails_the_call_and_keeps_the_worker()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, MaxMessageBytes = 64 * 1024 });
        int pid = await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);

        RemoteException error = await Assert.ThrowsAsync<RemoteException>(() => pool.InvokeAsync(TestMethods.Text, 200_000).WaitAsync(Wait));

        Assert.Contains("MaxMessageBytes", error.Message);
        Assert.Equal(pid, await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
    }

    [Fact]
    public async Task Arguments_above_MaxMessageBytes_fail_the_call_before_sending()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, MaxMessageBytes = 64 * 1024 });

        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(() => pool.InvokeAsync(TestMethods.Env, new string('x', 100_000)).WaitAsync(Wait));

        Assert.Contains("MaxMessageBytes", error.Message);
        Assert.Equal(2, await pool.InvokeAsync(TestMethods.Echo, 2).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_worker_whose_initializer_throws_fails_the_first_call_clearly()
    {
        var options = new WorkerPoolOptions { Workers = 2, ForwardWorkerOutput = false };
        options.EnvironmentVariables[TestMethods.FailInitVariable] = "1";
        await using var pool = new WorkerPool(options);

        WorkerStartException error = await Assert.ThrowsAsync<WorkerStartException>(() => pool.InvokeAsync(TestMethods.Echo, 1).WaitAsync(Wait));

        Assert.Contains("initializer refused to start", error.ToString());
        await Assert.ThrowsAsync<WorkerStartException>(() => pool.InvokeAsync(TestMethods.Echo, 2).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_worker_that_cannot_start_fails_the_first_call_with_its_stderr()
    {
        var options = new WorkerPoolOptions
        {
            Workers = 1,
            ForwardWorkerOutput = false,
            LaunchOverride = Unstartable,
        };
        await using var pool = new WorkerPool(options);

        WorkerStartException error = await Assert.ThrowsAsync<WorkerStartException>(() => pool.InvokeAsync(TestMethods.Echo, 1).WaitAsync(Wait));

        Assert.NotEmpty(error.StandardErrorTail);
        Assert.Contains("exited before it was ready", error.Message);
    }

    [Fact]
    public async Task Queued_calls_fail_when_the_last_worker_dies_and_no_replacement_can_start()
    {
        var logger = new CapturingLogger();
        int launches = 0;
        var pool = new WorkerPool(new WorkerPoolOptions
        {
            Workers = 2,
            Logger = logger,

            // The first worker starts; every later start fails (as when the app's files change under a running pool).
            LaunchOverride = launch => Interlocked.Increment(ref launches) == 1 ? launch : Unstartable(launch),
        });
        try
        {
            Assert.NotEqual(0, await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
            var started = new CallStarted();
            Task<int> running = pool.InvokeAsync(TestMethods.Sleep, 60_000, started.Sink);
            int pid = await started.ProcessId.WaitAsync(Wait);

            // The queued call asks for a second worker, which fails to start three times in a row; then the pool stops
            // trying and the call waits for the busy worker.
            Task<int> queued = pool.InvokeAsync(TestMethods.Echo, 5);
            await logger.WaitForAsync("A worker failed to start", count: 3, Wait);
            Assert.False(queued.IsCompleted);
            Process.GetProcessById(pid).Kill();

            await Assert.ThrowsAsync<WorkerCrashedException>(() => running.WaitAsync(Wait));
            await Assert.ThrowsAsync<WorkerStartException>(() => queued.WaitAsync(Wait));
        }
        finally
        {
            // Not DisposeAsync: it would wait for ever for a call the pool lost.
            pool.Terminate();
        }
    }

    [Fact]
    public async Task WarmUpAsync_reports_a_start_failure()
    {
        var options = new WorkerPoolOptions { Workers = 1, ForwardWorkerOutput = false };
        options.EnvironmentVariables[TestMethods.FailInitVariable] = "1";
        await using var pool = new WorkerPool(options);

        await Assert.ThrowsAsync<WorkerStartException>(() => pool.WarmUpAsync().WaitAsync(Wait));
    }

    [Fact]
    public async Task MaxTasksPerWorker_recycles_without_failing_calls()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, MaxTasksPerWorker = 3 });
        var pids = new List<int>();

        for (int i = 0; i < 9; i++)
        {
            pids.Add(await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
        }

        Assert.Equal(3, pids.Distinct().Count());
        Assert.All(pids.Chunk(3), chunk => Assert.Single(chunk.Distinct()));
    }

    [Fact]
    public async Task MaxWorkerMemory_recycles_a_worker_after_its_call()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, MaxWorkerMemory = 200L * 1024 * 1024 });

        int first = await pool.InvokeAsync(TestMethods.Allocate, 300).WaitAsync(Wait);
        int second = await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);

        Assert.NotEqual(first, second);
        await ExitAsync(first);
    }

    [Fact]
    public async Task Terminate_kills_workers_and_fails_pending_calls()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        var started = new CallStarted();
        Task<int> running = pool.InvokeAsync(TestMethods.Sleep, 60_000, started.Sink);
        Task<int> queued = pool.InvokeAsync(TestMethods.Echo, 1);
        int pid = await started.ProcessId.WaitAsync(Wait);

        pool.Terminate();

        ObjectDisposedException whileRunning = await Assert.ThrowsAsync<ObjectDisposedException>(() => running.WaitAsync(Wait));
        ObjectDisposedException whileQueued = await Assert.ThrowsAsync<ObjectDisposedException>(() => queued.WaitAsync(Wait));
        Assert.Contains("while this call ran", whileRunning.Message);
        Assert.Contains("before this call ran", whileQueued.Message);
        await ExitAsync(pid);
    }

    [Fact]
    public async Task DisposeAsync_completes_queued_calls_when_the_worker_crashes_meanwhile()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, ForwardWorkerOutput = false });
        Task crash = pool.InvokeAsync(TestMethods.Exit, 3);
        Task<int> queued = pool.InvokeAsync(TestMethods.Echo, 9);

        // DisposeAsync refuses new calls at once, but the queued call still needs a replacement worker.
        await pool.DisposeAsync().AsTask().WaitAsync(Wait);

        await Assert.ThrowsAsync<WorkerCrashedException>(() => crash);
        Assert.Equal(9, await queued);
    }

    [Fact]
    public async Task DisposeAsync_completes_queued_calls_when_the_worker_is_recycled_meanwhile()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, MaxTasksPerWorker = 1 });
        Task<int> first = pool.InvokeAsync(TestMethods.Pid, Unit.Value);
        Task<int> second = pool.InvokeAsync(TestMethods.Pid, Unit.Value);

        await pool.DisposeAsync().AsTask().WaitAsync(Wait);

        Assert.NotEqual(await first, await second);
    }

    [Fact]
    public async Task An_exception_too_large_to_send_fails_the_call_shortened_and_keeps_the_worker()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, MaxMessageBytes = 64 * 1024 });
        try
        {
            int pid = await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);

            InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => pool.InvokeAsync(TestMethods.ThrowLong, 100_000).WaitAsync(Wait));

            Assert.Equal("System.InvalidOperationException", Assert.IsType<RemoteException>(error.InnerException).RemoteType);
            Assert.StartsWith("xxxx", error.Message, StringComparison.Ordinal);
            Assert.Contains("MaxMessageBytes", error.Message);
            Assert.InRange(error.Message.Length, 1, 64 * 1024);
            Assert.Equal(pid, await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
        }
        finally
        {
            // Not DisposeAsync: if the worker never answers, it would wait for ever.
            pool.Terminate();
        }
    }

    [Fact]
    public async Task MaxRetries_reruns_a_crashed_call_on_a_fresh_worker()
    {
        var flaky = new ParallelMethod<int, int>(
            TestMethods.Exit.Id, "Exit", typeof(TestMethods), TestCodecs.Int32, TestCodecs.Int32, (code, _) => ValueTask.FromResult(code), new ParallelMethodOptions { MaxRetries = 1 });
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, ForwardWorkerOutput = false });

        // The worker runs its registered Exit (which exits), the pool retries once, then reports the crash.
        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(flaky, 3).WaitAsync(Wait));

        Assert.Equal(3, error.ExitCode);
    }

    /// <summary>A launch that fails the way a missing or broken app does: the host exits before the handshake.</summary>
    private static Forklift.Workers.WorkerLaunch Unstartable(Forklift.Workers.WorkerLaunch launch)
        => launch with { Arguments = launch.Arguments.Select(a => a.EndsWith(".runtimeconfig.json", StringComparison.Ordinal) ? "/nonexistent/app.runtimeconfig.json" : a).ToArray() };

    /// <summary>For checks right after the pool reported a worker gone: the pool confirms the exit before it fails the
    /// call or starts a replacement, so no waiting is needed.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>For a worker that is told to exit (recycled, terminated): waits for the exit itself, bounded only so a
    /// worker that never exits fails the test instead of hanging it.</summary>
    private static async Task ExitAsync(int pid)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return;
        }

        using (process)
        {
            await process.WaitForExitAsync().WaitAsync(Wait);
        }
    }
}
