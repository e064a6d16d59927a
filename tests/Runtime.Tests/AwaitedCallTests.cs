using System.Diagnostics;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// <see cref="WorkerPool.InvokeAsync"/>'s fast path on Linux: when an idle worker that answered its last call quickly
/// takes a call with no progress and no token that can fire, the caller writes the request and waits a short window
/// for the answer itself, so the task is complete when it is returned; otherwise it hands the pipe back and the
/// reading thread delivers the answer. The outcomes must be those of the usual path whichever way the answer goes.
/// Real processes; a test that must act while the caller waits widens the pool's window (10 minutes, beyond every wait of
/// the test) so that the wait is a state it can see (the caller has not returned), never a moment to hit.
/// </summary>
public sealed class AwaitedCallTests() : RealPoolTestBase("forklift-awaited-")
{
    [Fact]
    public async Task An_awaited_trivial_call_is_complete_when_InvokeAsync_returns()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        long before = pool.AnswersReadByAwaitingCaller;
        int completeWhenReturned = 0;
        int calls = 0;

        // Each answer the caller reads itself comes within 20 µs; on a loaded machine some take longer and go to the
        // reading thread, so the loop runs until 100 came the fast way (or the limit, which fails the test).
        var elapsed = Stopwatch.StartNew();
        while (pool.AnswersReadByAwaitingCaller - before < 100 && elapsed.Elapsed < Wait)
        {
            long readBefore = pool.AnswersReadByAwaitingCaller;
            Task<int> call = pool.InvokeAsync(TestMethods.Echo, calls);

            // A task of an answer the caller read is complete when returned. (One the reading thread answered may be
            // too, if it was quicker than this thread's return: not counted.)
            if (pool.AnswersReadByAwaitingCaller != readBefore)
            {
                Assert.True(call.IsCompleted, "The caller read the answer, but the task it returned was not complete.");
                completeWhenReturned++;
            }

            Assert.Equal(calls, await call);
            calls++;
        }

        Assert.True(completeWhenReturned >= 100, $"Only {completeWhenReturned} of {calls} answers were read by their awaiting caller.");
        Assert.Equal(0, pool.GetStatus().TotalCrashes);
    }

    [Fact]
    public async Task A_call_that_outlasts_the_window_is_answered_by_the_reading_thread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);

        // Until one such call had the fast path: after a quick answer the next call waits in the window (a slower
        // answer than the window, or the reading thread still in its last frame, can deny it that once).
        bool gaveUp = false;
        var elapsed = Stopwatch.StartNew();
        for (int attempt = 0; !gaveUp; attempt++)
        {
            Assert.True(elapsed.Elapsed < Wait, "No call waited in the window and gave up.");
            await PrimeAwaitedReadsAsync(pool);
            string gate = Path.Combine(Folder, $"gate{attempt}");

            // The method writes gate.started, then waits for the gate, which exists only once the caller gave up.
            long leftBefore = pool.AwaitedAnswersLeftToReader;
            Task<int> call = pool.InvokeAsync(TestMethods.WaitForFile, gate);
            gaveUp = pool.AwaitedAnswersLeftToReader == leftBefore + 1;
            Assert.False(call.IsCompleted);
            int pid = await StartedPidAsync(gate);
            await File.WriteAllTextAsync(gate, string.Empty);
            Assert.Equal(pid, await call.WaitAsync(Wait));
        }

        // The worker answered slowly, so the next call goes the usual way; once it answers quickly again, the fast
        // path comes back.
        await PrimeAwaitedReadsAsync(pool);
        Assert.Equal(5, await pool.InvokeAsync(TestMethods.Echo, 5).WaitAsync(Wait));
        Assert.Equal(0, pool.GetStatus().TotalCrashes);
    }

    /// <remarks>A method far slower than the window (2 ms against 20 µs): after each wait in vain the next 1, 2, 4, …
    /// 64 calls do not wait, so of 200 calls at most 9 wait (the 1st, 3rd, 6th, 11th, 20th, 37th, 70th, 135th and
    /// 200th, or a later one when the reading thread still held the pipe).</remarks>
    [Fact]
    public async Task Callers_of_a_method_slower_than_the_window_wait_in_vain_rarely()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        long leftBefore = pool.AwaitedAnswersLeftToReader;

        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(2000, await pool.InvokeAsync(AwaitedCallMethods.SpinMicroseconds, 2000).WaitAsync(Wait));
        }

        long waitedInVain = pool.AwaitedAnswersLeftToReader - leftBefore;
        Assert.InRange(waitedInVain, 1, 9);
    }

    /// <remarks>The worker sends progress frames without pause, which a caller without a sink reads and drops: it must
    /// still give up at the end of its window rather than read for as long as frames keep coming.</remarks>
    [Fact]
    public async Task An_awaiting_caller_gives_up_on_time_while_the_worker_keeps_sending_progress()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A 50 ms window, so that the reports begin while the caller still waits (the default 20 µs ends before the
        // method starts).
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        pool.AwaitedAnswerWindow = Stopwatch.Frequency / 20;
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeAwaitedReadsAsync(pool);
        string gate = Path.Combine(Folder, "gate");

        // On a thread of its own: if the caller kept reading, InvokeAsync would not return until the gate exists.
        Task<int> call = await OnOwnThread(() => pool.InvokeAsync(AwaitedCallMethods.ReportUntilFile, gate)).WaitAsync(Wait);
        Assert.False(call.IsCompleted, "The call ended before the gate existed.");
        await FixtureApps.WaitUntilAsync(() => File.Exists(gate + ".started"), Wait, () => "the method to start reporting");

        await File.WriteAllTextAsync(gate, string.Empty);
        Assert.True(await call.WaitAsync(Wait) >= 1000);
        Assert.Equal(4, await pool.InvokeAsync(TestMethods.Echo, 4).WaitAsync(Wait));
    }

    [Fact]
    public async Task SIGKILL_while_an_awaiting_caller_waits_fails_that_call_with_WorkerCrashedException_and_the_pool_heals()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WorkerPool pool = await WideWindowPoolAsync(new WorkerPoolOptions { Workers = 1 });
        string gate = Path.Combine(Folder, "never");

        Task<Task<int>> submitting = OnOwnThread(() => pool.InvokeAsync(TestMethods.WaitForFile, gate));
        int pid = await StartedPidAsync(gate);
        Assert.False(submitting.IsCompleted, "InvokeAsync returned before the worker answered: its caller did not wait in the window.");
        Process.GetProcessById(pid).Kill();

        Task<int> call = await submitting.WaitAsync(Wait);
        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => call.WaitAsync(Wait));
        Assert.Equal(9, error.Signal);
        Assert.Equal(pid, error.ProcessId);
        Assert.Equal("WaitForFile", error.MethodName);

        Assert.NotEqual(pid, await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
        Assert.Equal(8, await pool.InvokeAsync(TestMethods.Echo, 8).WaitAsync(Wait));
    }

    /// <remarks>A grandchild holds the worker's response pipe (see <see cref="SynchronousCallMethods.LeakResponsePipe"/>),
    /// so the kill at the timeout does not end it: only the poke wakes the caller waiting in its window.</remarks>
    [Fact]
    public async Task The_timeout_holds_while_an_awaiting_caller_waits_even_if_the_kill_does_not_end_the_pipe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WorkerPool pool = await WideWindowPoolAsync(new WorkerPoolOptions { Workers = 1, TaskTimeout = TimeSpan.FromMilliseconds(500) });
        string gate = Path.Combine(Folder, "never");
        int sleeper = 0;
        try
        {
            Task<Task<int>> submitting = OnOwnThread(() => pool.InvokeAsync(SynchronousCallMethods.LeakResponsePipe, gate));
            string started = gate + ".started";
            await FixtureApps.WaitUntilAsync(() => File.Exists(started) && File.ReadAllText(started).Split(' ') is [_, string pid] && int.TryParse(pid, out sleeper), Wait, () => $"{started} to name the process holding the pipe");

            Task<int> call = await submitting.WaitAsync(Wait);
            WorkerTimeoutException error = await Assert.ThrowsAsync<WorkerTimeoutException>(() => call.WaitAsync(Wait));
            Assert.Equal("LeakResponsePipe", error.MethodName);
            Assert.Equal(9, await pool.InvokeAsync(TestMethods.Echo, 9).WaitAsync(Wait));
        }
        finally
        {
            if (sleeper != 0)
            {
                try
                {
                    Process.GetProcessById(sleeper).Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }
    }

    [Fact]
    public async Task Terminate_while_an_awaiting_caller_waits_ends_the_call_at_once()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WorkerPool pool = await WideWindowPoolAsync(new WorkerPoolOptions { Workers = 1 });
        string gate = Path.Combine(Folder, "never");

        Task<Task<int>> submitting = OnOwnThread(() => pool.InvokeAsync(TestMethods.WaitForFile, gate));
        await StartedPidAsync(gate);
        Assert.False(submitting.IsCompleted, "InvokeAsync returned before the worker answered: its caller did not wait in the window.");
        pool.Terminate();

        Task<int> call = await submitting.WaitAsync(Wait);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(Wait));
    }

    /// <remarks>Every other answer comes 0.9 to 1.1 ms after the request, around a 1 ms window, so some arrive just as the caller
    /// gives up: each must be read exactly once, by the caller or by the reading thread, and every continuation must
    /// run off the reading thread (on the caller's thread when the task was complete, on the thread pool otherwise).</remarks>
    [Fact]
    public async Task Answers_that_race_the_end_of_the_window_are_each_delivered_once_and_never_on_the_reading_thread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        pool.AwaitedAnswerWindow = Stopwatch.Frequency / 1000;
        await pool.WarmUpAsync().WaitAsync(Wait);
        long readBefore = pool.AnswersReadByAwaitingCaller;
        long leftBefore = pool.AwaitedAnswersLeftToReader;

        // Off the test framework's synchronization context, so that a continuation goes wherever the task completes it.
        int made = await Task.Run(async () =>
        {
            int calls = 0;
            var elapsed = Stopwatch.StartNew();
            while (calls < 1000 || pool.AnswersReadByAwaitingCaller - readBefore < 20 || pool.AwaitedAnswersLeftToReader - leftBefore < 20)
            {
                Assert.True(elapsed.Elapsed < Wait, $"After {calls} calls the caller read {pool.AnswersReadByAwaitingCaller - readBefore} answers and gave up on {pool.AwaitedAnswersLeftToReader - leftBefore}.");

                // 0, 937, 0, 1,011, 0, 1,085, ...: a quick answer before each one around the window, which its caller
                // then waits for (an answer later than the window makes the worker slow until it answers quickly again).
                int microseconds = calls % 2 == 0 ? 0 : 900 + (calls * 37 % 200);
                Assert.Equal(microseconds, await pool.InvokeAsync(AwaitedCallMethods.SpinMicroseconds, microseconds).ConfigureAwait(false));
                Assert.False(Thread.CurrentThread.Name?.EndsWith(" reader", StringComparison.Ordinal) == true, $"A continuation ran on {Thread.CurrentThread.Name}.");
                calls++;
            }

            return calls;
        }).WaitAsync(2 * Wait);

        Assert.True(made >= 1000);
        Assert.Equal(0, pool.GetStatus().TotalCrashes);
        Assert.Equal(7, await pool.InvokeAsync(TestMethods.Echo, 7).WaitAsync(Wait));
    }

    [Fact]
    public async Task An_awaited_call_with_progress_or_a_token_that_can_fire_is_read_by_the_reading_thread()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeAwaitedReadsAsync(pool);
        long before = pool.AnswersReadByAwaitingCaller;
        using var cts = new CancellationTokenSource();
        var reports = new List<int>();

        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(i, await pool.InvokeAsync(TestMethods.Echo, i, cancellationToken: cts.Token));
        }

        Assert.Equal(3, await pool.InvokeAsync(TestMethods.CountWithProgress, 3, ProgressSink.Create(new ListProgress(reports), TestCodecs.Int32)).WaitAsync(Wait));
        Assert.Equal(before, pool.AnswersReadByAwaitingCaller);
        lock (reports)
        {
            Assert.Equal([1, 2, 3], reports);
        }
    }

    /// <summary>Awaits calls until one was answered to its awaiting caller (Linux), so the worker counts as quick and
    /// its pipe is parked for the next caller.</summary>
    private static async Task PrimeAwaitedReadsAsync(WorkerPool pool)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        long before = pool.AnswersReadByAwaitingCaller;
        var elapsed = Stopwatch.StartNew();
        for (int i = 0; pool.AnswersReadByAwaitingCaller == before; i++)
        {
            Assert.True(elapsed.Elapsed < Wait, $"No answer of {i} calls was read by its awaiting caller.");
            Assert.Equal(i, await pool.InvokeAsync(TestMethods.Echo, i));
        }
    }

    /// <summary>A warm pool whose awaiting callers wait up to 10 minutes in their window (so a caller that a fault did not
    /// wake fails the test), primed so that the next call waits.</summary>
    private async Task<WorkerPool> WideWindowPoolAsync(WorkerPoolOptions options)
    {
        WorkerPool pool = NewPool(options);
        pool.AwaitedAnswerWindow = 600 * Stopwatch.Frequency;
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeAwaitedReadsAsync(pool);
        return pool;
    }
}
