namespace Blind28.WhaleWatching.Radio;

/// <summary>
/// Limits how often skippers can push sighting alerts to the shared marine channel so
/// one busy boat cannot flood it. Used as a singleton by the sighting API.
/// </summary>
public sealed class SightingAlertLimiter
{
    private readonly object _gate = new();
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<DateTime> _clock;

    public SightingAlertLimiter(double capacity, double refillPerSecond, Func<DateTime>? clock = null)
    {
        _capacity = capacity;
        _refillPerSecond = refillPerSecond;
        _clock = clock ?? (() => DateTime.UtcNow);
    }

    public bool TryAcquire(string vesselCallSign, double cost = 1)
    {
        var now = _clock();
        lock (_gate)
        {
            if (!_buckets.TryGetValue(vesselCallSign, out var bucket))
            {
                bucket = new Bucket { Tokens = _capacity, LastRefill = now };
                _buckets[vesselCallSign] = bucket;
            }

            var elapsed = (now - bucket.LastRefill).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(_capacity, bucket.Tokens + elapsed * _refillPerSecond);
                bucket.LastRefill = now;
            }

            if (bucket.Tokens < cost)
            {
                bucket.Rejections++;
                return false;
            }

            bucket.Tokens -= cost;
            return true;
        }
    }

    public IReadOnlyDictionary<string, int> Rejections()
    {
        lock (_gate)
        {
            return _buckets.ToDictionary(kv => kv.Key, kv => kv.Value.Rejections);
        }
    }

    public void Forget(TimeSpan idleFor)
    {
        var cutoff = _clock() - idleFor;
        lock (_gate)
        {
            foreach (var key in _buckets.Where(kv => kv.Value.LastRefill < cutoff).Select(kv => kv.Key).ToList())
            {
                _buckets.Remove(key);
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens;
        public DateTime LastRefill;
        public int Rejections;
    }
}
