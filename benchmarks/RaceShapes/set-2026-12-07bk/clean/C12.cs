namespace Blind63.FireLookout.Lightning;

public sealed record LightningStrike(double Latitude, double Longitude, double KiloAmps, DateTimeOffset At);

/// <summary>
/// Relays lightning strikes from the detection network to subscribed
/// lookout towers. Towers subscribe and unsubscribe while strikes are being
/// relayed, and a handler may unsubscribe itself from inside the callback.
/// </summary>
public sealed class StrikeRelay
{
    private readonly object _gate = new();
    private Action<LightningStrike>[] _handlers = Array.Empty<Action<LightningStrike>>();
    private long _relayed;

    public IDisposable Subscribe(Action<LightningStrike> handler)
    {
        lock (_gate)
        {
            var next = new Action<LightningStrike>[_handlers.Length + 1];
            Array.Copy(_handlers, next, _handlers.Length);
            next[^1] = handler;
            Volatile.Write(ref _handlers, next);
        }
        return new Unsubscriber(this, handler);
    }

    private void Remove(Action<LightningStrike> handler)
    {
        lock (_gate)
        {
            int index = Array.IndexOf(_handlers, handler);
            if (index < 0)
            {
                return;
            }
            var next = new Action<LightningStrike>[_handlers.Length - 1];
            Array.Copy(_handlers, 0, next, 0, index);
            Array.Copy(_handlers, index + 1, next, index, _handlers.Length - index - 1);
            Volatile.Write(ref _handlers, next);
        }
    }

    public long Relayed => Interlocked.Read(ref _relayed);

    /// <summary>Called from the detection network's socket receive loop.</summary>
    public void Relay(LightningStrike strike)
    {
        var handlers = Volatile.Read(ref _handlers);
        foreach (var handler in handlers)
        {
            try
            {
                handler(strike);
            }
            catch (Exception)
            {
                // A tower's handler failing should not stop the others.
            }
        }
        Interlocked.Increment(ref _relayed);
    }

    private sealed class Unsubscriber : IDisposable
    {
        private StrikeRelay? _relay;
        private readonly Action<LightningStrike> _handler;

        public Unsubscriber(StrikeRelay relay, Action<LightningStrike> handler)
        {
            _relay = relay;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _relay, null)?.Remove(_handler);
    }
}

public sealed class TowerAlerter
{
    private readonly string _towerId;
    private readonly double _lat, _lon, _radiusKm;
    private int _alerts;

    public TowerAlerter(string towerId, double lat, double lon, double radiusKm)
    {
        (_towerId, _lat, _lon, _radiusKm) = (towerId, lat, lon, radiusKm);
    }

    public int Alerts => Volatile.Read(ref _alerts);

    public void OnStrike(LightningStrike s)
    {
        double dKm = 111.0 * Math.Sqrt(Math.Pow(s.Latitude - _lat, 2) + Math.Pow((s.Longitude - _lon) * Math.Cos(_lat * Math.PI / 180), 2));
        if (dKm <= _radiusKm)
        {
            Interlocked.Increment(ref _alerts);
            Console.WriteLine($"[{_towerId}] strike {dKm:F1} km away, {s.KiloAmps:F0} kA");
        }
    }
}
