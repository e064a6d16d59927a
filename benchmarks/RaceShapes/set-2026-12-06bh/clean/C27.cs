using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind60.WeatherBuoys.Uplink;

public interface ILeaseStore
{
    Task<DateTime?> TryAcquireAsync(string resource, string owner, TimeSpan duration, CancellationToken ct);
    Task<DateTime?> RenewAsync(string resource, string owner, TimeSpan duration, CancellationToken ct);
    Task ReleaseAsync(string resource, string owner);
}

/// <summary>
/// Only one shore-station instance may own the satellite uplink to the buoy fleet at a
/// time. This hosted service acquires a lease, renews it on a heartbeat, and runs the
/// uplink session while it holds the lease.
/// </summary>
public sealed class UplinkLeaseService : BackgroundService
{
    private const string Resource = "buoy-satellite-uplink";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    private readonly ILeaseStore _leases;
    private readonly Func<CancellationToken, Task> _runUplink;
    private readonly ILogger<UplinkLeaseService> _log;
    private readonly string _owner = Environment.MachineName + "/" + Guid.NewGuid().ToString("N")[..8];

    public UplinkLeaseService(ILeaseStore leases, Func<CancellationToken, Task> runUplink, ILogger<UplinkLeaseService> log)
    {
        _leases = leases;
        _runUplink = runUplink;
        _log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var expires = await _leases.TryAcquireAsync(Resource, _owner, LeaseDuration, stoppingToken);
            if (expires is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
                continue;
            }

            _log.LogInformation("Acquired uplink lease until {Expires}", expires);
            using var sessionCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var session = _runUplink(sessionCts.Token);
            var heartbeat = HeartbeatAsync(sessionCts, stoppingToken);

            await Task.WhenAny(session, heartbeat);
            sessionCts.Cancel();

            try
            {
                await Task.WhenAll(session, heartbeat);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "Uplink session ended with an error");
            }

            await _leases.ReleaseAsync(Resource, _owner);
        }
    }

    private async Task HeartbeatAsync(CancellationTokenSource sessionCts, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LeaseDuration / 3);
        while (await timer.WaitForNextTickAsync(sessionCts.Token))
        {
            var renewed = await _leases.RenewAsync(Resource, _owner, LeaseDuration, stoppingToken);
            if (renewed is null)
            {
                _log.LogWarning("Lost the uplink lease; stopping the session");
                return;
            }
        }
    }
}
