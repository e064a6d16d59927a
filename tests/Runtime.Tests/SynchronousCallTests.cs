using System.Diagnostics;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// <see cref="WorkerPool.Invoke"/>: the same outcomes as <see cref="WorkerPool.InvokeAsync"/>, including when the
/// calling thread reads its own answer from the worker's pipe (Linux: an idle worker, no progress, no token). Real
/// processes; every wait is for a state (a file the method writes once it runs, a pid, a crash count), never for time
/// to pass by itself.
/// </summary>
public sealed class SynchronousCallTests() : RealPoolTestBase("forklift-sync-")
{
    [Fact]
    public async Task Many_synchronous_calls_return_what_the_asynchronous_call_returns()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeCallerReadsAsync(pool);
        long ledBefore = pool.CallsLedByCaller;

        await OnOwnThread(() =>
        {
            for (int i = 0; i < 3000; i++)
            {
                Assert.Equal(i, pool.Invoke(TestMethods.Echo, i));
                Assert.Equal(2 * i, pool.Invoke(TestMethods.Add, (i, i)));
            }

            // A result the worker sends through shared memory, and arguments too large to encode on the way to the
            // pipe: read in place and written whole by the caller.
            string? text = pool.Invoke(TestMethods.Text, 3 * 1024 * 1024);
            Assert.Equal(3 * 1024 * 1024, text!.Length);
            byte[] bytes = new byte[2 * 1024 * 1024];
            new Random(14).NextBytes(bytes);
            Assert.Equal(bytes, pool.Invoke(SharedMemoryMethods.Echo, bytes));
            byte[] medium = bytes[..(40 * 1024)];
            Assert.Equal(medium, pool.Invoke(SharedMemoryMethods.Echo, medium));
        });

        AssertCallerRead(pool, atLeast: ledBefore + 6003);

        // Through the interface, as generated code calls it: the pool's own Invoke, not the interface's default.
        IWorkerPool seam = pool;
        Assert.Equal(77, await OnOwnThread(() => seam.Invoke(TestMethods.Echo, 77)).WaitAsync(Wait));
        AssertCallerRead(pool, atLeast: ledBefore + 6004);
        Assert.Equal(123, await pool.InvokeAsync(TestMethods.Echo, 123).WaitAsync(Wait));
    }

    [Fact]
    public async Task SIGKILL_while_the_caller_reads_fails_that_call_with_WorkerCrashedException_and_the_pool_heals()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeCallerReadsAsync(pool);
        long ledBefore = pool.CallsLedByCaller;
        string gate = Path.Combine(Folder, "never");

        Task<int> call = OnOwnThread(() => pool.Invoke(TestMethods.WaitForFile, gate));
        int pid = await StartedPidAsync(gate);
        Process.GetProcessById(pid).Kill();

        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => call.WaitAsync(Wait));
        Assert.Equal(9, error.Signal);
        Assert.Equal(pid, error.ProcessId);
        Assert.Equal("WaitForFile", error.MethodName);
        AssertCallerRead(pool, atLeast: ledBefore + 1);

        int next = await OnOwnThread(() => pool.Invoke(TestMethods.Pid, Unit.Value)).WaitAsync(Wait);
        Assert.NotEqual(pid, next);
        Assert.Equal(8, await OnOwnThread(() => pool.Invoke(TestMethods.Echo, 8)).WaitAsync(Wait));
    }

    [Fact]
    public async Task The_timeout_holds_while_the_caller_reads_and_the_pool_heals()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1, TaskTimeout = TimeSpan.FromMilliseconds(500) });
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeCallerReadsAsync(pool);
        long ledBefore = pool.CallsLedByCaller;
        string gate = Path.Combine(Folder, "never");

        Task<int> call = OnOwnThread(() => pool.Invoke(TestMethods.WaitForFile, gate));

        WorkerTimeoutException error = await Assert.ThrowsAsync<WorkerTimeoutException>(() => call.WaitAsync(Wait));
        Assert.Equal("WaitForFile", error.MethodName);
        Assert.True(File.Exists(gate + ".started"), "The call timed out before it ran.");
        AssertCallerRead(pool, atLeast: ledBefore + 1);
        Assert.Equal(9, await OnOwnThread(() => pool.Invoke(TestMethods.Echo, 9)).WaitAsync(Wait));
    }

    [Theory]
    [InlineData(0, "limit")]
    [InlineData(1, "truncated")]
    [InlineData(2, "limit")]
    [InlineData(3, "ended early")]
    public async Task Garbage_read_by_the_caller_fails_that_call_as_a_broken_protocol_and_the_pool_heals(int kind, string expected)
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1, MaxMessageBytes = 64 * 1024 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeCallerReadsAsync(pool);
        long ledBefore = pool.CallsLedByCaller;

        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => OnOwnThread(() => pool.Invoke(TestMethods.WriteGarbage, kind)).WaitAsync(Wait));

        Assert.Contains("protocol", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.IsType<InvalidDataException>(error.InnerException);
        AssertCallerRead(pool, atLeast: ledBefore + 1);
        Assert.Equal(2, await OnOwnThread(() => pool.Invoke(TestMethods.Echo, 2)).WaitAsync(Wait));
    }

    [Fact]
    public async Task The_caller_stops_waiting_when_its_call_times_out_even_if_the_kill_does_not_end_the_pipe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1, TaskTimeout = TimeSpan.FromMilliseconds(500) });
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeCallerReadsAsync(pool);
        long ledBefore = pool.CallsLedByCaller;
        string gate = Path.Combine(Folder, "never");
        int sleeper = 0;
        try
        {
            Task<int> call = OnOwnThread(() => pool.Invoke(SynchronousCallMethods.LeakResponsePipe, gate));
            string started = gate + ".started";
            await FixtureApps.WaitUntilAsync(() => File.Exists(started) && File.ReadAllText(started).Split(' ') is [_, string pid] && int.TryParse(pid, out sleeper), Wait, () => $"{started} to name the process holding the pipe");

            // The worker is killed at the timeout, but `sleep` keeps the pipe open for two minutes: only the caller's
            // own bound (it checks its call while it waits) can end its wait within the test's limit.
            WorkerTimeoutException error = await Assert.ThrowsAsync<WorkerTimeoutException>(() => call.WaitAsync(Wait));
            Assert.Equal("LeakResponsePipe", error.MethodName);
            AssertCallerRead(pool, atLeast: ledBefore + 1);
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
    public async Task Terminate_while_the_caller_reads_ends_the_call_at_once()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeCallerReadsAsync(pool);
        long ledBefore = pool.CallsLedByCaller;
        string gate = Path.Combine(Folder, "never");

        Task<int> call = OnOwnThread(() => pool.Invoke(TestMethods.WaitForFile, gate));
        await StartedPidAsync(gate);
        pool.Terminate();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(Wait));
        AssertCallerRead(pool, atLeast: ledBefore + 1);
    }

    /// <remarks>A new worker's first call waits in the queue and is answered through the reading thread; the calls
    /// after it are read by the caller, who then also sends the retiring worker its shutdown.</remarks>
    [Fact]
    public async Task Workers_recycled_after_synchronous_calls_are_replaced()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1, MaxTasksPerWorker = 3 });
        await pool.WarmUpAsync().WaitAsync(Wait);

        int[] pids = await OnOwnThread(() => Enumerable.Range(0, 12).Select(_ => pool.Invoke(TestMethods.Pid, Unit.Value)).ToArray()).WaitAsync(Wait);

        // Three calls per worker, in order: four workers, each seen for three calls in a row.
        Assert.Equal(4, pids.Distinct().Count());
        Assert.All(pids.Chunk(3), chunk => Assert.Single(chunk.Distinct()));
        Assert.Equal(0, pool.GetStatus().TotalCrashes);
    }

    [Fact]
    public async Task An_exception_from_the_method_is_thrown_as_InvokeAsync_reports_it()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        InvalidOperationException expected = await Assert.ThrowsAsync<InvalidOperationException>(() => pool.InvokeAsync(TestMethods.Throw, "bad input").WaitAsync(Wait));
        await PrimeCallerReadsAsync(pool);
        long ledBefore = pool.CallsLedByCaller;

        InvalidOperationException thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => OnOwnThread(() => pool.Invoke(TestMethods.Throw, "bad input")).WaitAsync(Wait));

        Assert.Equal(expected.Message, thrown.Message);
        Assert.Equal(expected.InnerException?.GetType(), thrown.InnerException?.GetType());
        Assert.Equal(expected.InnerException?.Message, thrown.InnerException?.Message);
        AssertCallerRead(pool, atLeast: ledBefore + 1);
        Assert.Equal(10, await OnOwnThread(() => pool.Invoke(TestMethods.Echo, 10)).WaitAsync(Wait));
    }

    [Fact]
    public async Task Synchronous_and_asynchronous_callers_share_a_pool()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 2 });
        await pool.WarmUpAsync().WaitAsync(Wait);

        // One thread alternates the two on one pool; two more threads call synchronously and two tasks asynchronously at
        // the same time, next to a map. Which calls the callers read themselves depends on timing; every outcome must not.
        Task alternating = OnOwnThread(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                Assert.Equal(i, pool.Invoke(TestMethods.Echo, i));
                Assert.Equal(-i, pool.InvokeAsync(TestMethods.Echo, -i).GetAwaiter().GetResult());
            }
        });
        Task[] blocking = [.. Enumerable.Range(0, 2).Select(t => OnOwnThread(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                Assert.Equal((t * 10_000) + i, pool.Invoke(TestMethods.Add, (t * 10_000, i)));
            }
        }))];
        Task[] awaiting = [.. Enumerable.Range(0, 2).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < 1000; i++)
            {
                Assert.Equal((t * 10_000) + i, await pool.InvokeAsync(TestMethods.Add, (t * 10_000, i)));
            }
        }))];
        int[] mapped = await pool.MapAsync(TestMethods.Echo, Enumerable.Range(0, 5000)).WaitAsync(Wait);

        await Task.WhenAll([alternating, .. blocking, .. awaiting]).WaitAsync(Wait);
        Assert.Equal(Enumerable.Range(0, 5000), mapped);
        Assert.Equal(0, pool.GetStatus().TotalCrashes);
    }

    [Fact]
    public async Task An_idle_workers_death_is_seen_at_once_after_synchronous_calls()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        await PrimeCallerReadsAsync(pool);
        long ledBefore = pool.CallsLedByCaller;
        int pid = await OnOwnThread(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                pool.Invoke(TestMethods.Echo, i);
            }

            return pool.Invoke(TestMethods.Pid, Unit.Value);
        }).WaitAsync(Wait);
        AssertCallerRead(pool, atLeast: ledBefore + 101);

        // No call is in flight: only the parked reading thread can notice.
        Process.GetProcessById(pid).Kill();

        await FixtureApps.WaitUntilAsync(() => pool.GetStatus().TotalCrashes == 1, Wait, () => "the pool to see its idle worker die");
        Assert.NotEqual(pid, await OnOwnThread(() => pool.Invoke(TestMethods.Pid, Unit.Value)).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_synchronous_call_with_progress_or_a_token_gets_both()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        var reports = new List<int>();
        var progress = new ListProgress(reports);
        using var cts = new CancellationTokenSource();

        int result = await OnOwnThread(() => pool.Invoke(TestMethods.CountWithProgress, 5, ProgressSink.Create(progress, TestCodecs.Int32))).WaitAsync(Wait);
        int echoed = await OnOwnThread(() => pool.Invoke(TestMethods.Echo, 77, cancellationToken: cts.Token)).WaitAsync(Wait);

        Assert.Equal(5, result);
        lock (reports)
        {
            Assert.Equal([1, 2, 3, 4, 5], reports);
        }

        Assert.Equal(77, echoed);
    }

    [Fact]
    public async Task Cancelling_a_synchronous_call_throws_OperationCanceledException()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        string gate = Path.Combine(Folder, "never");
        using var cts = new CancellationTokenSource();

        Task<int> call = OnOwnThread(() => pool.Invoke(TestMethods.WaitForFileWithToken, gate, cancellationToken: cts.Token));
        await StartedPidAsync(gate);
        cts.Cancel();

        OperationCanceledException error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Wait));
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.Equal(11, await OnOwnThread(() => pool.Invoke(TestMethods.Echo, 11)).WaitAsync(Wait));
    }

    /// <summary>Makes the next synchronous call on <paramref name="pool"/>'s only, idle worker one whose caller reads the
    /// answer itself (Linux): after one such call the pipe stays parked for the next caller, whereas right after
    /// the reading thread delivered an answer it may still be finishing that frame (the caller then leaves its
    /// answer to it, which is correct but not what these tests are about).</summary>
    private static async Task PrimeCallerReadsAsync(WorkerPool pool)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        long before = pool.CallsLedByCaller;
        await OnOwnThread(() =>
        {
            for (int i = 0; i < 1000 && pool.CallsLedByCaller == before; i++)
            {
                Assert.Equal(i, pool.Invoke(TestMethods.Echo, i));
            }
        }).WaitAsync(Wait);
        AssertCallerRead(pool, atLeast: before + 1);
    }

    private static void AssertCallerRead(WorkerPool pool, long atLeast)
    {
        if (OperatingSystem.IsLinux())
        {
            Assert.True(pool.CallsLedByCaller >= atLeast, $"The caller read {pool.CallsLedByCaller} answers itself; expected at least {atLeast}.");
        }
    }
}
