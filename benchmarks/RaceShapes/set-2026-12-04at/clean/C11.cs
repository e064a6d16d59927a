namespace Blind46.MeteorObservers.Rates;

public readonly record struct RateSnapshot(int MeteorsLastHour, int Fireballs, DateTime WindowEndUtc);

/// <summary>
/// Zenithal-hourly-rate style counter for a meteor watch. Observers' handsets report
/// sightings concurrently through the club's API; a timer advances the one-hour
/// window minute by minute.
/// </summary>
public sealed class HourlyMeteorRate : IDisposable
{
    private const int Minutes = 60;

    private readonly object _lock = new();
    private readonly int[] _perMinute = new int[Minutes];
    private readonly Timer _advance;
    private int _head;
    private int _total;
    private int _fireballs;
    private DateTime _windowEndUtc = DateTime.UtcNow;

    public HourlyMeteorRate()
    {
        _advance = new Timer(_ => Advance(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public void Report(int count, bool fireball)
    {
        if (count <= 0)
            return;

        lock (_lock)
        {
            _perMinute[_head] += count;
            _total += count;
            if (fireball)
                _fireballs++;
        }
    }

    public RateSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new RateSnapshot(_total, _fireballs, _windowEndUtc);
        }
    }

    private void Advance()
    {
        lock (_lock)
        {
            _head = (_head + 1) % Minutes;
            _total -= _perMinute[_head];
            _perMinute[_head] = 0;
            _windowEndUtc = DateTime.UtcNow;
        }
    }

    public void Dispose() => _advance.Dispose();
}

public sealed class SightingEndpoint
{
    private readonly HourlyMeteorRate _rate;

    public SightingEndpoint(HourlyMeteorRate rate) => _rate = rate;

    public string Post(int count, double magnitude)
    {
        _rate.Report(count, fireball: magnitude <= -4.0);
        var snap = _rate.Snapshot();
        return $"{snap.MeteorsLastHour} meteors/h ({snap.Fireballs} fireballs) as of {snap.WindowEndUtc:HH:mm}";
    }
}
