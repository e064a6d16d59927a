namespace Blind37.IceSculpture.Voting;

/// <summary>
/// Token-bucket limiter for the public vote endpoint at the ice sculpture festival, so a
/// single phone cannot flood the leaderboard. Registered as a singleton; every vote
/// request passes through it.
/// </summary>
public sealed class VoteRateLimiter
{
    private readonly object _gate = new();
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _rejected;

    public VoteRateLimiter(double capacity, double tokensPerSecond)
    {
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    public bool TryAcquire(string deviceId, out TimeSpan retryAfter)
    {
        var now = DateTime.UtcNow;
        lock (_gate)
        {
            if (!_buckets.TryGetValue(deviceId, out var bucket))
            {
                bucket = new Bucket { Tokens = _capacity, LastRefillUtc = now };
                _buckets[deviceId] = bucket;
            }

            var elapsed = (now - bucket.LastRefillUtc).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(_capacity, bucket.Tokens + elapsed * _tokensPerSecond);
                bucket.LastRefillUtc = now;
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / _tokensPerSecond);
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    public async Task WaitAsync(string deviceId, CancellationToken cancellationToken)
    {
        while (!TryAcquire(deviceId, out var retryAfter))
        {
            await Task.Delay(retryAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops buckets that have been full for a while; called by a housekeeping timer.</summary>
    public int Trim(TimeSpan idleFor)
    {
        var cutoff = DateTime.UtcNow - idleFor;
        lock (_gate)
        {
            var idle = _buckets.Where(p => p.Value.LastRefillUtc < cutoff).Select(p => p.Key).ToList();
            foreach (var key in idle)
            {
                _buckets.Remove(key);
            }
            return idle.Count;
        }
    }

    private sealed class Bucket
    {
        public double Tokens;
        public DateTime LastRefillUtc;
    }
}

/// <summary>Keeps the limiter's bucket table from growing for the whole festival.</summary>
public sealed class VoteLimiterHousekeeping : IDisposable
{
    private readonly Timer _timer;

    public VoteLimiterHousekeeping(VoteRateLimiter limiter) =>
        _timer = new Timer(_ => limiter.Trim(TimeSpan.FromMinutes(10)), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public void Dispose() => _timer.Dispose();
}
