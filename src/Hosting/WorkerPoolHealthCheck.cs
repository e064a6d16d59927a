using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Forklift.Hosting;

/// <summary>
/// Reports every registered pool: live, busy and queued work and recent crashes as data, and the worst state as the
/// result. Unhealthy (or the registration's failure status) when a pool is shutting down; degraded when workers crash
/// repeatedly or the queue grows past the configured limit; healthy otherwise, including before the first call
/// (workers start on demand).
/// </summary>
internal sealed class WorkerPoolHealthCheck(
    IServiceProvider services,
    IEnumerable<ForkliftPoolRegistration> registrations,
    IOptionsMonitor<ForkliftHealthCheckOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ForkliftHealthCheckOptions settings = options.Get(context.Registration.Name);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var descriptions = new List<string>();
        HealthStatus worst = HealthStatus.Healthy;
        foreach (ForkliftPoolRegistration registration in registrations.Distinct())
        {
            WorkerPoolStatus status = registration.Resolve(services).GetStatus(settings.CrashWindow);
            HealthStatus state = status.IsShuttingDown
                ? context.Registration.FailureStatus
                : status.RecentCrashes >= settings.DegradedAfterCrashes || status.QueuedCalls > (settings.DegradedAfterQueuedCalls ?? int.MaxValue)
                    ? HealthStatus.Degraded
                    : HealthStatus.Healthy;
            worst = state < worst ? state : worst;

            string prefix = status.Name + ".";
            data[prefix + "live_workers"] = status.LiveWorkers;
            data[prefix + "max_workers"] = status.MaxWorkers;
            data[prefix + "busy_workers"] = status.BusyWorkers;
            data[prefix + "queued_calls"] = status.QueuedCalls;
            data[prefix + "calls_in_flight"] = status.CallsInFlight;
            data[prefix + "recent_crashes"] = status.RecentCrashes;
            descriptions.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{status.Name}: {state}, {status.LiveWorkers}/{status.MaxWorkers} workers ({status.BusyWorkers} busy), {status.QueuedCalls} queued, {status.RecentCrashes} crashes in {settings.CrashWindow.TotalSeconds:0} s{(status.IsShuttingDown ? ", shutting down" : string.Empty)}"));
        }

        return Task.FromResult(new HealthCheckResult(worst, string.Join("; ", descriptions), data: data));
    }
}
