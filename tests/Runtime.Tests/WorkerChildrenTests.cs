using System.Diagnostics;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// A [Parallel] method may start processes of its own (git, ffmpeg, a compiler). Those grandchildren inherit the
/// worker's standard handles and outlive it; none of that may delay, hang or corrupt the pool. Real grandchildren.
/// </summary>
/// <remarks>Each grandchild sleeps 120 s, longer than any wait here: a call that fails while it still runs was failed
/// without waiting for the pipes it holds. Before the protocol descriptors were close-on-exec and off descriptors
/// 0 and 1, every one of these waited for the grandchild (or, for <c>cat</c>, lost its requests to it).</remarks>
public sealed class WorkerChildrenTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_timeout_fails_the_call_and_the_pool_heals_while_a_grandchild_still_runs()
    {
        // 20 s: room for a fresh worker to start sh on a loaded machine before the timeout; before the fix the call
        // failed only when the grandchild exited (120 s), beyond the 60 s wait.
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, TaskTimeout = TimeSpan.FromSeconds(20) });
        var started = new CallStarted();
        Task<int> hung = pool.InvokeAsync(TestMethods.StartGrandchild, 0, started.Sink);
        int grandchild = await started.ProcessId.WaitAsync(Wait);
        try
        {
            await Assert.ThrowsAsync<WorkerTimeoutException>(() => hung.WaitAsync(Wait));
            Assert.True(IsAlive(grandchild));

            // The replacement worker starts once the killed one is seen gone, which must not wait for the grandchild.
            Assert.Equal(3, await pool.InvokeAsync(TestMethods.Echo, 3).WaitAsync(Wait));
            Assert.True(IsAlive(grandchild));
        }
        finally
        {
            KillQuietly(grandchild);
        }
    }

    [Fact]
    public async Task Terminate_fails_the_running_call_at_once_while_a_grandchild_still_runs()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        var started = new CallStarted();
        Task<int> running = pool.InvokeAsync(TestMethods.StartGrandchild, 0, started.Sink);
        int grandchild = await started.ProcessId.WaitAsync(Wait);
        try
        {
            pool.Terminate();

            // Failed by Terminate itself, before any worker exit is seen.
            Assert.True(running.IsFaulted);
            await Assert.ThrowsAsync<ObjectDisposedException>(() => running);
            Assert.True(IsAlive(grandchild));
        }
        finally
        {
            KillQuietly(grandchild);
        }
    }

    [Fact]
    public async Task A_crash_is_reported_with_its_last_words_while_a_grandchild_still_runs()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, ForwardWorkerOutput = false });
        var started = new CallStarted();
        Task<int> crashing = pool.InvokeAsync(TestMethods.StartGrandchild, 1, started.Sink);
        int grandchild = await started.ProcessId.WaitAsync(Wait);
        try
        {
            WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => crashing.WaitAsync(Wait));

            Assert.Equal(6, error.Signal);
            Assert.Contains(error.StandardErrorTail, line => line.Contains("worker crashed with a grandchild running", StringComparison.Ordinal));
            Assert.True(IsAlive(grandchild));
            Assert.Equal(4, await pool.InvokeAsync(TestMethods.Echo, 4).WaitAsync(Wait));
        }
        finally
        {
            KillQuietly(grandchild);
        }
    }

    [Fact]
    public async Task A_grandchild_that_reads_standard_input_gets_end_of_input_not_the_requests()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        int cat = await pool.InvokeAsync(TestMethods.StartStdinReader, Unit.Value).WaitAsync(Wait);

        // With the protocol on the worker's standard input, cat swallowed these requests and they hung.
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(i, await pool.InvokeAsync(TestMethods.Echo, i).WaitAsync(Wait));
        }

        // cat read the end of its (empty) input and exited by itself.
        await WaitForExitAsync(cat);
    }

    [Fact]
    public async Task Console_ReadLine_in_a_worker_returns_null_at_once()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        Assert.Equal("(null)", await pool.InvokeAsync(TestMethods.ReadLine, Unit.Value).WaitAsync(Wait));
        Assert.Equal(5, await pool.InvokeAsync(TestMethods.Echo, 5).WaitAsync(Wait));
    }

    [Fact]
    public async Task Worker_standard_output_and_error_reach_the_logger_as_their_own_streams()
    {
        var logger = new CapturingLogger();
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, Logger = logger });

        await pool.InvokeAsync(TestMethods.Print, 7).WaitAsync(Wait);
        await pool.InvokeAsync(TestMethods.Exit, 0).ContinueWith(_ => { }).WaitAsync(Wait);

        await logger.WaitForAsync("stdout: printing from the worker 7", count: 1, Wait);
        await logger.WaitForAsync("stderr: exiting with 0", count: 1, Wait);
    }

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

    private static async Task WaitForExitAsync(int pid)
    {
        var elapsed = Stopwatch.StartNew();
        while (IsAlive(pid))
        {
            Assert.True(elapsed.Elapsed < Wait, $"process {pid} did not exit within {Wait}");
            await Task.Delay(20);
        }
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }
}
