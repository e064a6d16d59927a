namespace EdgeProxy.RateLimiting;

/// <summary>
/// Fixed-window request limiter. The window is reset by a timer; request
/// threads call <see cref="TryAcquire"/>. A limiter instance is kept per
/// client IP and shared by all of that client's concurrent requests.
/// </summary>
public sealed class FixedWindowLimiter : IDisposable
{
    private readonly int _permitLimit;
    private readonly object _lock = new();
    private readonly Timer _windowTimer;
    private int _permitsUsed;
    private long _windowNumber;
    private DateTime _windowStartedUtc;

    public FixedWindowLimiter(int permitLimit, TimeSpan window)
    {
        _permitLimit = permitLimit;
        _windowStartedUtc = DateTime.UtcNow;
        _windowTimer = new Timer(_ => ResetWindow(), null, window, window);
    }

    public bool TryAcquire(int permits = 1)
    {
        lock (_lock)
        {
            if (_permitsUsed + permits > _permitLimit)
            {
                return false;
            }

            _permitsUsed += permits;
            return true;
        }
    }

    public TimeSpan GetRetryAfter(TimeSpan window)
    {
        DateTime started;
        lock (_lock)
        {
            started = _windowStartedUtc;
        }

        var remaining = started + window - DateTime.UtcNow;
        return remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
    }

    public (long Window, int Used) GetStatistics()
    {
        lock (_lock)
        {
            return (_windowNumber, _permitsUsed);
        }
    }

    private void ResetWindow()
    {
        lock (_lock)
        {
            _permitsUsed = 0;
            _windowNumber++;
            _windowStartedUtc = DateTime.UtcNow;
        }
    }

    public void Dispose() => _windowTimer.Dispose();
}

public sealed class ClientLimiterMiddleware
{
    private readonly Dictionary<string, FixedWindowLimiter> _byClient = new();
    private readonly object _mapLock = new();
    private readonly int _limit;
    private readonly TimeSpan _window;

    public ClientLimiterMiddleware(int limit, TimeSpan window)
    {
        _limit = limit;
        _window = window;
    }

    public bool ShouldAllow(string clientIp)
    {
        FixedWindowLimiter? limiter;
        lock (_mapLock)
        {
            if (!_byClient.TryGetValue(clientIp, out limiter))
            {
                limiter = new FixedWindowLimiter(_limit, _window);
                _byClient[clientIp] = limiter;
            }
        }

        return limiter.TryAcquire();
    }
}
