namespace Blind34.Allotment.Booking;

/// <summary>
/// Token bucket that limits how quickly plot-booking requests are accepted
/// during the spring allocation rush. Registered as a singleton and consulted
/// by every booking request.
/// </summary>
public sealed class BookingRateLimiter
{
    private readonly object _gate = new();
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _lastRefillTimestamp;
    private long _rejected;

    public BookingRateLimiter(double capacity, double tokensPerSecond, TimeProvider? clock = null)
    {
        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
        _clock = clock ?? TimeProvider.System;
        _tokens = capacity;
        _lastRefillTimestamp = _clock.GetTimestamp();
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    public bool TryAcquire()
    {
        Refill();

        if (_tokens < 1)
        {
            Interlocked.Increment(ref _rejected);
            return false;
        }

        lock (_gate)
        {
            _tokens -= 1;
        }

        return true;
    }

    private void Refill()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            var elapsed = _clock.GetElapsedTime(_lastRefillTimestamp, now);
            if (elapsed <= TimeSpan.Zero)
            {
                return;
            }

            _tokens = Math.Min(_capacity, _tokens + elapsed.TotalSeconds * _tokensPerSecond);
            _lastRefillTimestamp = now;
        }
    }
}

public sealed class PlotBookingHandler
{
    private readonly BookingRateLimiter _limiter;
    private readonly Func<string, int, Task<bool>> _reserve;

    public PlotBookingHandler(BookingRateLimiter limiter, Func<string, int, Task<bool>> reserve)
    {
        _limiter = limiter;
        _reserve = reserve;
    }

    public async Task<string> HandleAsync(string member, int plot)
    {
        if (!_limiter.TryAcquire())
        {
            return "busy, try again shortly";
        }

        return await _reserve(member, plot) ? "booked" : "plot already taken";
    }
}
