namespace Tailspin.Api.Throttling;

public sealed class RateLimitOptions
{
    public int PermitLimit { get; set; } = 100;
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Fixed-window limiter used by the API gateway. Registered as a singleton and
/// consulted once for every incoming request before it is routed.
/// </summary>
public sealed class FixedWindowLimiter
{
    private readonly int _permitLimit;
    private readonly long _windowTicks;
    private readonly Func<long> _clock;

    private long _windowStartTicks;
    private int _countInWindow;
    private long _totalRejected;

    public FixedWindowLimiter(RateLimitOptions options)
        : this(options, () => DateTime.UtcNow.Ticks)
    {
    }

    internal FixedWindowLimiter(RateLimitOptions options, Func<long> clock)
    {
        if (options.PermitLimit <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), "PermitLimit must be positive.");

        _permitLimit = options.PermitLimit;
        _windowTicks = options.Window.Ticks;
        _clock = clock;
        _windowStartTicks = clock();
    }

    public long TotalRejected => Interlocked.Read(ref _totalRejected);

    public bool TryAcquire()
    {
        long now = _clock();

        if (now - _windowStartTicks >= _windowTicks)
        {
            _windowStartTicks = now;
            Interlocked.Exchange(ref _countInWindow, 0);
        }

        if (Interlocked.Increment(ref _countInWindow) <= _permitLimit)
            return true;

        Interlocked.Increment(ref _totalRejected);
        return false;
    }

    public TimeSpan RetryAfter()
    {
        long elapsed = _clock() - Interlocked.Read(ref _windowStartTicks);
        long remaining = Math.Max(0, _windowTicks - elapsed);
        return TimeSpan.FromTicks(remaining);
    }
}

/// <summary>Minimal request gate that the gateway pipeline calls per request.</summary>
public sealed class ThrottlingGate
{
    private readonly FixedWindowLimiter _limiter;

    public ThrottlingGate(FixedWindowLimiter limiter) => _limiter = limiter;

    public async Task<int> HandleAsync(Func<Task<int>> next)
    {
        if (!_limiter.TryAcquire())
        {
            var retry = _limiter.RetryAfter();
            Console.WriteLine($"429 Too Many Requests, retry after {retry.TotalMilliseconds:F0} ms");
            return 429;
        }

        return await next().ConfigureAwait(false);
    }
}
