namespace Blind31.PearlDivers.Scheduling;

/// <summary>
/// Token bucket that limits how many dive descents the lagoon master releases per minute.
/// A single bucket is shared by every boat's dispatch tablet and by the harbour console.
/// </summary>
public sealed class DescentTokenBucket
{
    private readonly object _sync = new();
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private double _tokens;
    private long _lastRefillTicks;
    private long _granted;
    private long _refused;

    public DescentTokenBucket(double capacity, double tokensPerSecond)
    {
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
        _tokens = capacity;
        _lastRefillTicks = Environment.TickCount64;
    }

    public bool TryAcquire(int divers = 1)
    {
        lock (_sync)
        {
            Refill(Environment.TickCount64);
            if (_tokens < divers)
            {
                _refused++;
                return false;
            }

            _tokens -= divers;
            _granted++;
            return true;
        }
    }

    /// <summary>Restores full capacity, e.g. after a weather hold is lifted.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _tokens = _capacity;
            _lastRefillTicks = Environment.TickCount64;
        }
    }

    public (double Available, long Granted, long Refused) Snapshot()
    {
        lock (_sync)
        {
            Refill(Environment.TickCount64);
            return (_tokens, _granted, _refused);
        }
    }

    private void Refill(long nowTicks)
    {
        double seconds = (nowTicks - _lastRefillTicks) / 1000.0;
        if (seconds > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + seconds * _tokensPerSecond);
            _lastRefillTicks = nowTicks;
        }
    }
}

/// <summary>Dispatch endpoint used by each boat's tablet.</summary>
public sealed class DiveDispatch
{
    private readonly DescentTokenBucket _bucket;

    public DiveDispatch(DescentTokenBucket bucket)
    {
        _bucket = bucket;
    }

    public async Task<bool> RequestDescentAsync(string boat, int divers, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (_bucket.TryAcquire(divers))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
        }

        return false;
    }

    public string Status()
    {
        var (available, granted, refused) = _bucket.Snapshot();
        return $"{available:F1} descents available, {granted} granted, {refused} refused";
    }
}
