using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Forklift.Hosting.Tests;

/// <summary><c>AddHealthChecks().AddForklift()</c>: every pool's state as data, crashes as degraded, stopping as unhealthy.</summary>
public sealed class HealthCheckTests
{
    [Fact]
    public async Task Health_reports_each_pool_degrades_on_crashes_and_fails_while_shutting_down()
    {
        using IHost host = TestHosts.Build([], (services, _) =>
        {
            services.AddForklift(o => o.Workers = 1).AddWorkerPool("images", o => o.Workers = 1);
            services.AddHealthChecks().AddForklift(configure: o => o.DegradedAfterCrashes = 1);
        });
        HealthCheckService health = host.Services.GetRequiredService<HealthCheckService>();
        await host.StartAsync().WaitAsync(TestHosts.Wait);

        Assert.NotEqual(Environment.ProcessId, await HostedWork.PidAsync().WaitAsync(TestHosts.Wait));
        HealthReport healthy = await health.CheckHealthAsync();
        HealthReportEntry entry = healthy.Entries["forklift"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(1, entry.Data["default.live_workers"]);
        Assert.Equal(0, entry.Data["images.live_workers"]);
        Assert.Equal(0, entry.Data["default.recent_crashes"]);
        Assert.Contains("default: Healthy, 1/1 workers", entry.Description, StringComparison.Ordinal);

        IWorkerPool images = host.Services.GetRequiredKeyedService<IWorkerPool>("images");
        await Assert.ThrowsAsync<WorkerCrashedException>(() => HostedWork.CrashAsync(images).WaitAsync(TestHosts.Wait));
        HealthReportEntry degraded = (await health.CheckHealthAsync()).Entries["forklift"];
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal(1, degraded.Data["images.recent_crashes"]);
        Assert.Contains("images: Degraded", degraded.Description, StringComparison.Ordinal);

        await host.StopAsync().WaitAsync(TestHosts.Wait);
        HealthReportEntry stopped = (await health.CheckHealthAsync()).Entries["forklift"];
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
        Assert.Contains("shutting down", stopped.Description, StringComparison.Ordinal);
    }
}
