using Microsoft.Extensions.Logging;

namespace Blind66.SkiPatrol.Beacons;

public enum BeaconStatus
{
    Unknown = 0,
    Up = 1,
    Degraded = 2,
    Down = 3,
}

public interface IBeaconGateway
{
    /// <summary>Pings the avalanche beacon relay; blocks until it answers or the timeout elapses.</summary>
    bool Ping(TimeSpan timeout);
}

/// <summary>
/// Background probe for the avalanche beacon relay on the upper lift station. Raises
/// <see cref="StatusChanged"/> when the relay goes up or down so the patrol room board updates.
/// </summary>
public sealed class BeaconRelayProbe : IDisposable
{
    private const int FailuresBeforeDown = 3;
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(8);

    private readonly IBeaconGateway _gateway;
    private readonly ILogger<BeaconRelayProbe> _logger;
    private readonly Timer _timer;
    private int _consecutiveFailures;
    private int _status;

    public BeaconRelayProbe(IBeaconGateway gateway, ILogger<BeaconRelayProbe> logger, TimeSpan interval)
    {
        _gateway = gateway;
        _logger = logger;
        _timer = new Timer(OnTick, null, TimeSpan.Zero, interval);
    }

    public event EventHandler<BeaconStatus>? StatusChanged;

    public BeaconStatus Status => (BeaconStatus)Volatile.Read(ref _status);

    private void OnTick(object? state)
    {
        bool ok;
        try
        {
            ok = _gateway.Ping(PingTimeout);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Beacon relay ping threw");
            ok = false;
        }

        int failures;
        if (ok)
        {
            failures = _consecutiveFailures = 0;
        }
        else
        {
            failures = ++_consecutiveFailures;
        }

        var next = ok
            ? BeaconStatus.Up
            : failures >= FailuresBeforeDown ? BeaconStatus.Down : BeaconStatus.Degraded;

        var previous = (BeaconStatus)Interlocked.Exchange(ref _status, (int)next);
        if (previous != next)
        {
            _logger.LogInformation("Beacon relay {Previous} -> {Next}", previous, next);
            StatusChanged?.Invoke(this, next);
        }
    }

    public void Dispose() => _timer.Dispose();
}

public static class BeaconProbeFactory
{
    /// <summary>Creates the probe used by the patrol room with the usual two-second cadence.</summary>
    public static BeaconRelayProbe CreateDefault(IBeaconGateway gateway, ILogger<BeaconRelayProbe> logger) =>
        new(gateway, logger, TimeSpan.FromSeconds(2));
}
