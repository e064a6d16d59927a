using System.Collections.Immutable;

namespace TidalPower.Lagoon;

public sealed record SluiceSnapshot(
    ImmutableDictionary<int, double> GateOpeningPercent,
    double LagoonLevelMetres,
    double SeaLevelMetres,
    DateTime TakenAt);

public interface ISluiceSensors
{
    IReadOnlyDictionary<int, double> ReadGateOpenings();
    double ReadLagoonLevel();
    double ReadSeaLevel();
}

/// <summary>
/// Publishes a consistent view of the lagoon sluice gates. A timer refreshes the
/// view every two seconds; the control room, the SCADA bridge and the public
/// tide board all read it concurrently.
/// </summary>
public sealed class SluiceMonitor : IDisposable
{
    private readonly ISluiceSensors _sensors;
    private readonly Timer _timer;
    private SluiceSnapshot _current;
    private int _refreshing;

    public SluiceMonitor(ISluiceSensors sensors)
    {
        _sensors = sensors;
        _current = new SluiceSnapshot(ImmutableDictionary<int, double>.Empty, 0, 0, DateTime.MinValue);
        _timer = new Timer(_ => Refresh(), null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    /// <summary>The most recent complete snapshot.</summary>
    public SluiceSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Head difference across the barrage in metres.</summary>
    public double Head
    {
        get
        {
            var snapshot = Volatile.Read(ref _current);
            return snapshot.SeaLevelMetres - snapshot.LagoonLevelMetres;
        }
    }

    private void Refresh()
    {
        // Skip a tick if the previous read of the slow field bus is still going.
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            var gates = _sensors.ReadGateOpenings().ToImmutableDictionary();
            var snapshot = new SluiceSnapshot(gates, _sensors.ReadLagoonLevel(), _sensors.ReadSeaLevel(), DateTime.UtcNow);
            Interlocked.Exchange(ref _current, snapshot);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}

public sealed class TideBoard
{
    private readonly SluiceMonitor _monitor;

    public TideBoard(SluiceMonitor monitor) => _monitor = monitor;

    public string Render()
    {
        var s = _monitor.Current;
        int open = s.GateOpeningPercent.Count(g => g.Value > 5);
        return $"{s.TakenAt:HH:mm:ss} lagoon {s.LagoonLevelMetres:F2} m, sea {s.SeaLevelMetres:F2} m, {open} sluices open";
    }
}
