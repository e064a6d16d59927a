using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forklift.Hosting.Tests;

/// <summary>The host's pool: warm-up, default for generated calls, drain on stop, terminate after the shutdown timeout.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task While_the_host_runs_generated_calls_without_a_pool_use_the_host_pool()
    {
        using IHost host = TestHosts.Build(
            new() { ["Forklift:Workers"] = "1", ["Forklift:WarmUpOnStart"] = "true" },
            (services, configuration) => services.AddForklift(configuration.GetSection("Forklift")));
        WorkerPool pool = host.Services.GetRequiredService<WorkerPool>();

        await host.StartAsync().WaitAsync(TestHosts.Wait);

        // Warmed up at start: the worker is ready before any call.
        WorkerPoolStatus warm = pool.GetStatus();
        Assert.Equal((1, 1), (warm.LiveWorkers, warm.IdleWorkers));
        Assert.Same(pool, ParallelDefaults.Pool);

        // The generated overload without a pool runs in the host's pool: the same (only) worker process answers both.
        int viaDefault = await HostedWork.PidAsync().WaitAsync(TestHosts.Wait);
        int viaHostPool = await HostedWork.PidAsync(pool).WaitAsync(TestHosts.Wait);
        Assert.Equal(viaHostPool, viaDefault);
        Assert.NotEqual(Environment.ProcessId, viaDefault);
        Assert.Equal(1, pool.GetStatus().LiveWorkers);

        await host.StopAsync().WaitAsync(TestHosts.Wait);
        Assert.NotSame(pool, ParallelDefaults.Pool);
    }

    [Fact]
    public async Task Stopping_the_host_lets_the_running_call_finish_then_stops_the_workers()
    {
        using IHost host = TestHosts.Build([], (services, _) => services.AddForklift(o => o.Workers = 1));
        WorkerPool pool = host.Services.GetRequiredService<WorkerPool>();
        await host.StartAsync().WaitAsync(TestHosts.Wait);
        var running = new TestHosts.FirstReport();
        Task<int> call = HostedWork.HoldAsync(1_000, running);
        int pid = await running.Value.WaitAsync(TestHosts.Wait);

        await host.StopAsync().WaitAsync(TestHosts.Wait);

        // The stop waited for the call, which succeeded; then the pool refused new calls and its worker exited.
        Assert.True(call.IsCompletedSuccessfully, call.Exception?.ToString());
        Assert.Equal(pid, await call);
        Assert.True(pool.GetStatus().IsShuttingDown);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => HostedWork.PidAsync(pool));
        await TestHosts.WaitUntilGoneAsync(pid);
    }

    [Fact]
    public async Task A_call_still_running_at_the_shutdown_timeout_is_terminated_and_its_worker_killed()
    {
        using IHost host = TestHosts.Build([], (services, _) =>
        {
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
            services.AddForklift(o => o.Workers = 1);
        });
        await host.StartAsync().WaitAsync(TestHosts.Wait);
        var running = new TestHosts.FirstReport();
        Task<int> call = HostedWork.HoldAsync(600_000, running);
        int pid = await running.Value.WaitAsync(TestHosts.Wait);

        await host.StopAsync().WaitAsync(TestHosts.Wait);

        await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TestHosts.Wait));
        await TestHosts.WaitUntilGoneAsync(pid);
    }
}
