using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Blind59.Observatory.Health;

public sealed class DomeControllerOptions
{
    public string Host { get; set; } = "dome.local";
    public int Port { get; set; } = 4030;
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Reports whether the roll-off roof controller of the society's observatory is reachable.
/// Probing the controller wakes its relay board, so results are cached for a short time.
/// Health checks are polled by the status page, the kubernetes-style probe and the
/// members' app, often at the same moment.
/// </summary>
public sealed class DomeControllerHealthCheck : IHealthCheck, IDisposable
{
    private readonly object _sync = new();
    private readonly IDisposable? _optionsSubscription;
    private DomeControllerOptions _options;
    private HealthCheckResult? _cached;
    private DateTime _expiresAt;

    public DomeControllerHealthCheck(IOptionsMonitor<DomeControllerOptions> options)
    {
        _options = options.CurrentValue;
        _optionsSubscription = options.OnChange(updated =>
        {
            Volatile.Write(ref _options, updated);
            Invalidate();
        });
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_cached is not null && DateTime.UtcNow < _expiresAt)
            {
                return _cached.Value;
            }
        }

        var options = Volatile.Read(ref _options);
        var result = await ProbeAsync(options, cancellationToken).ConfigureAwait(false);

        lock (_sync)
        {
            _cached = result;
            _expiresAt = DateTime.UtcNow + options.CacheFor;
        }

        return result;
    }

    /// <summary>Forgets the cached result, e.g. after the controller address changed.</summary>
    public void Invalidate()
    {
        lock (this)
        {
            _cached = null;
            _expiresAt = DateTime.MinValue;
        }
    }

    private static async Task<HealthCheckResult> ProbeAsync(DomeControllerOptions options, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Roof controller at {options.Host}:{options.Port} answered.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded("Roof controller did not answer within 2 s.");
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy("Roof controller unreachable.", ex);
        }
    }

    public void Dispose() => _optionsSubscription?.Dispose();
}
