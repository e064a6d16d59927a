namespace Blind32.FireLookout.Alerts;

public sealed record LightningStrike(double Latitude, double Longitude, DateTimeOffset At, double PeakKiloAmps);

/// <summary>
/// Relays lightning strikes detected near the lookout towers to whoever is
/// listening: the crew radio bridge, the map display and the log. Strikes are
/// raised from the sensor's receive thread while listeners come and go.
/// </summary>
public sealed class StrikeRelay : IDisposable
{
    private readonly Timer _poll;
    private readonly Func<IReadOnlyList<LightningStrike>> _readSensor;
    private long _relayed;

    public event EventHandler<LightningStrike>? StrikeDetected;

    public StrikeRelay(Func<IReadOnlyList<LightningStrike>> readSensor, TimeSpan pollInterval)
    {
        _readSensor = readSensor;
        _poll = new Timer(_ => Poll(), null, pollInterval, pollInterval);
    }

    public long Relayed => Interlocked.Read(ref _relayed);

    private void Poll()
    {
        foreach (var strike in _readSensor())
        {
            var handlers = Volatile.Read(ref StrikeDetected);
            if (handlers is null)
                continue;

            handlers(this, strike);
            Interlocked.Increment(ref _relayed);
        }
    }

    public void Dispose() => _poll.Dispose();
}

/// <summary>Map layer that shows strikes while the operator has the layer switched on.</summary>
public sealed class StrikeMapLayer
{
    private readonly StrikeRelay _relay;
    private readonly object _gate = new();
    private readonly Queue<LightningStrike> _recent = new();

    public StrikeMapLayer(StrikeRelay relay) => _relay = relay;

    public void Show() => _relay.StrikeDetected += OnStrike;

    public void Hide() => _relay.StrikeDetected -= OnStrike;

    public LightningStrike[] Recent()
    {
        lock (_gate)
        {
            return _recent.ToArray();
        }
    }

    private void OnStrike(object? sender, LightningStrike strike)
    {
        lock (_gate)
        {
            _recent.Enqueue(strike);
            while (_recent.Count > 200)
                _recent.Dequeue();
        }
    }
}
