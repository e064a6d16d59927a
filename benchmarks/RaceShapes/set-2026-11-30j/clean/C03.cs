namespace Blind10.RateLimiting.FixedWindow;

/// <summary>
/// Per-client fixed window limiter for the public API. The window is reset by a timer;
/// requests are admitted or rejected from the request pipeline.
/// </summary>
public sealed class FixedWindowRateLimiter : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly Timer _windowTimer;
    private DateTime _windowStartedUtc;
    private long _rejectedTotal;

    public FixedWindowRateLimiter(int permitLimit, TimeSpan window)
    {
        _permitLimit = permitLimit;
        _window = window;
        _windowStartedUtc = DateTime.UtcNow;
        _windowTimer = new Timer(_ => ResetWindow(), null, window, window);
    }

    public bool TryAcquire(string clientId)
    {
        lock (_sync)
        {
            _counts.TryGetValue(clientId, out int used);
            if (used >= _permitLimit)
            {
                _rejectedTotal++;
                return false;
            }

            _counts[clientId] = used + 1;
            return true;
        }
    }

    public TimeSpan RetryAfter()
    {
        lock (_sync)
        {
            var remaining = _windowStartedUtc + _window - DateTime.UtcNow;
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    public long RejectedTotal
    {
        get { lock (_sync) { return _rejectedTotal; } }
    }

    public int Remaining(string clientId)
    {
        lock (_sync)
        {
            return _counts.TryGetValue(clientId, out int used) ? Math.Max(0, _permitLimit - used) : _permitLimit;
        }
    }

    private void ResetWindow()
    {
        lock (_sync)
        {
            _counts.Clear();
            _windowStartedUtc = DateTime.UtcNow;
        }
    }

    public void Dispose() => _windowTimer.Dispose();
}

/// <summary>Middleware-style adapter used by the HTTP pipeline.</summary>
public sealed class RateLimitFilter
{
    private readonly FixedWindowRateLimiter _limiter;

    public RateLimitFilter(FixedWindowRateLimiter limiter) => _limiter = limiter;

    public (bool Allowed, int StatusCode, string? RetryAfterHeader) Check(string apiKey)
    {
        if (_limiter.TryAcquire(apiKey))
        {
            return (true, 200, null);
        }

        var retryAfter = _limiter.RetryAfter();
        return (false, 429, Math.Ceiling(retryAfter.TotalSeconds).ToString("F0"));
    }
}
