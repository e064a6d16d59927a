using System.Diagnostics;

namespace Blind58.AbseilingBookings;

/// <summary>
/// Token bucket limiting how quickly instructors' tablets can push descent logs to the
/// abseiling centre's API. Shared by all request handlers; tokens are added both lazily on
/// each take and by a timer so that the gauge on the ops dashboard stays current.
/// </summary>
public sealed class DescentLogRateLimiter : IDisposable
{
    private readonly object _sync = new();
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private readonly Timer _topUpTimer;
    private double _tokens;
    private long _lastRefillTimestamp;

    public DescentLogRateLimiter(double capacity, double tokensPerSecond)
    {
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
        _tokens = capacity;
        _lastRefillTimestamp = Stopwatch.GetTimestamp();
        _topUpTimer = new Timer(_ => TopUp(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    public bool TryTake(double cost = 1)
    {
        lock (_sync)
        {
            RefillLocked();
            if (_tokens < cost)
            {
                return false;
            }

            _tokens -= cost;
            return true;
        }
    }

    public TimeSpan EstimatedWait(double cost = 1)
    {
        lock (_sync)
        {
            RefillLocked();
            double missing = cost - _tokens;
            return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(missing / _tokensPerSecond);
        }
    }

    public double Available
    {
        get
        {
            lock (_sync)
            {
                return _tokens;
            }
        }
    }

    private void TopUp()
    {
        lock (_sync)
        {
            RefillLocked();
        }
    }

    private void RefillLocked()
    {
        long now = Stopwatch.GetTimestamp();
        double elapsedSeconds = (now - _lastRefillTimestamp) / (double)Stopwatch.Frequency;
        _lastRefillTimestamp = now;
        _tokens = Math.Min(_capacity, _tokens + elapsedSeconds * _tokensPerSecond);
    }

    public void Dispose() => _topUpTimer.Dispose();
}

/// <summary>Receives descent logs from instructors' tablets.</summary>
public sealed class DescentLogEndpoint
{
    private readonly DescentLogRateLimiter _limiter;
    private readonly Func<string, Task> _persist;

    public DescentLogEndpoint(DescentLogRateLimiter limiter, Func<string, Task> persist)
    {
        _limiter = limiter;
        _persist = persist;
    }

    public async Task<(int Status, TimeSpan RetryAfter)> PostAsync(string logJson)
    {
        if (!_limiter.TryTake())
        {
            return (429, _limiter.EstimatedWait());
        }

        await _persist(logJson).ConfigureAwait(false);
        return (202, TimeSpan.Zero);
    }
}
