using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary><see cref="WorkerPool.GetStatus"/>: what a health check reads.</summary>
public sealed class PoolStatusTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Status_counts_live_busy_and_queued_work()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, Name = "status" });
        WorkerPoolStatus empty = pool.GetStatus();
        Assert.Equal(("status", 1, 0, 0, 0), (empty.Name, empty.MaxWorkers, empty.LiveWorkers, empty.QueuedCalls, empty.CallsInFlight));

        await pool.WarmUpAsync().WaitAsync(Wait);
        Assert.Equal((1, 1, 0), (pool.GetStatus().LiveWorkers, pool.GetStatus().IdleWorkers, pool.GetStatus().BusyWorkers));

        var started = new CallStarted();
        Task<int> running = pool.InvokeAsync(TestMethods.SleepWithToken, 60_000, started.Sink);
        await started.ProcessId.WaitAsync(Wait);
        using var cancelQueued = new CancellationTokenSource();
        Task<int> queued = pool.InvokeAsync(TestMethods.Echo, 5, cancellationToken: cancelQueued.Token);

        WorkerPoolStatus busy = pool.GetStatus();
        Assert.Equal((1, 1, 2), (busy.BusyWorkers, busy.QueuedCalls, busy.CallsInFlight));

        cancelQueued.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Wait));
        pool.Terminate();
        await Assert.ThrowsAnyAsync<Exception>(() => running.WaitAsync(Wait));
        Assert.True(pool.GetStatus().IsShuttingDown);
    }

    [Fact]
    public async Task A_crash_counts_as_recent_only_within_the_window()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(TestMethods.KillSelf, Unit.Value).WaitAsync(Wait));

        WorkerPoolStatus status = pool.GetStatus();
        Assert.Equal((1, 1), (status.TotalCrashes, status.RecentCrashes));
        Assert.Equal(0, pool.GetStatus(crashWindow: TimeSpan.Zero).RecentCrashes);
        Assert.Equal(3, await pool.InvokeAsync(TestMethods.Echo, 3).WaitAsync(Wait));
        Assert.Equal(1, pool.GetStatus().TotalCrashes);
    }
}
