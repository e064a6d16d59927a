namespace Blind51.KiteFestivals.LaunchSlots;

/// <summary>
/// Token-bucket limiter for launches from the festival's main launch strip: a steady number
/// of launches per minute with a small burst allowance. Called by the marshals' handsets
/// and the public app. Registered as a singleton.
/// </summary>
public sealed class LaunchStripLimiter
{
    private sealed class Bucket
    {
        public Bucket(double tokens, long stampTicks)
        {
            Tokens = tokens;
            StampTicks = stampTicks;
        }

        public double Tokens { get; }
        public long StampTicks { get; }
    }

    private readonly double _capacity;
    private readonly double _tokensPerTick;
    private readonly TimeProvider _time;
    private Bucket _bucket;
    private long _rejected;

    public LaunchStripLimiter(int launchesPerMinute, int burst, TimeProvider time)
    {
        _capacity = burst;
        _tokensPerTick = launchesPerMinute / (double)TimeSpan.TicksPerMinute;
        _time = time;
        _bucket = new Bucket(burst, time.GetUtcNow().UtcTicks);
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    public bool TryAcquire(int launches = 1)
    {
        while (true)
        {
            var current = Volatile.Read(ref _bucket);
            long now = _time.GetUtcNow().UtcTicks;
            long elapsed = Math.Max(0, now - current.StampTicks);
            double available = Math.Min(_capacity, current.Tokens + elapsed * _tokensPerTick);

            if (available < launches)
            {
                Interlocked.Increment(ref _rejected);
                return false;
            }

            var next = new Bucket(available - launches, Math.Max(now, current.StampTicks));
            if (ReferenceEquals(Interlocked.CompareExchange(ref _bucket, next, current), current))
                return true;
        }
    }

    public double AvailableNow()
    {
        var current = Volatile.Read(ref _bucket);
        long elapsed = Math.Max(0, _time.GetUtcNow().UtcTicks - current.StampTicks);
        return Math.Min(_capacity, current.Tokens + elapsed * _tokensPerTick);
    }
}

/// <summary>
/// Handles a launch request from a marshal's handset.
/// </summary>
public sealed class LaunchRequestHandler
{
    private readonly LaunchStripLimiter _limiter;

    public LaunchRequestHandler(LaunchStripLimiter limiter) => _limiter = limiter;

    public string Handle(string teamName, int kites)
    {
        if (kites <= 0) return "Nothing to launch.";
        if (_limiter.TryAcquire(kites))
            return $"{teamName}: cleared to launch {kites} kite(s).";

        var wait = _limiter.AvailableNow();
        return $"{teamName}: strip busy ({wait:F1} slots free), hold position.";
    }
}
