using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Blind59.Coastguard.Health;

public interface IVhfMastProbe
{
    Task<(bool Transmitting, double Vswr)> ProbeAsync(CancellationToken ct);
}

/// <summary>
/// Health check for the station's VHF mast. Probing keys the transmitter briefly, so a
/// result is reused for 30 seconds and checks arriving during a probe share it. Health checks
/// are singletons polled by several monitors at once.
/// </summary>
public sealed class VhfMastHealthCheck : IHealthCheck
{
    private sealed record CachedResult(HealthCheckResult Result, DateTime ExpiresAtUtc);

    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    private readonly IVhfMastProbe _probe;
    private readonly object _gate = new();
    private CachedResult? _cached;
    private Task<HealthCheckResult>? _inFlight;

    public VhfMastHealthCheck(IVhfMastProbe probe) => _probe = probe;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && DateTime.UtcNow < cached.ExpiresAtUtc)
        {
            return Task.FromResult(cached.Result);
        }

        Task<HealthCheckResult> probe;
        lock (_gate)
        {
            if (_inFlight is null || _inFlight.IsCompleted)
            {
                _inFlight = ProbeAndCacheAsync();
            }
            probe = _inFlight;
        }

        return probe.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> ProbeAndCacheAsync()
    {
        await Task.Yield();
        HealthCheckResult result;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var (transmitting, vswr) = await _probe.ProbeAsync(timeout.Token).ConfigureAwait(false);
            result = !transmitting
                ? HealthCheckResult.Unhealthy("Mast did not key up.")
                : vswr > 2.0
                    ? HealthCheckResult.Degraded($"High VSWR {vswr:F1}:1 - check feeder.")
                    : HealthCheckResult.Healthy($"VSWR {vswr:F1}:1");
        }
        catch (Exception ex)
        {
            result = HealthCheckResult.Unhealthy("Mast probe failed.", ex);
        }

        Volatile.Write(ref _cached, new CachedResult(result, DateTime.UtcNow + CacheDuration));
        return result;
    }

    /// <summary>Called by the maintenance screen after an engineer has worked on the mast.</summary>
    public void Forget() => Volatile.Write(ref _cached, null);
}
