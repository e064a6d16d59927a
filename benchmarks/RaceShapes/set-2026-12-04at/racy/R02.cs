namespace Blind46.WhaleWatching.Booking;

/// <summary>
/// Token bucket limiting how many booking requests per second the harbour
/// booking API forwards to the tour operator's reservation backend.
/// One instance is shared by all request handlers.
/// </summary>
public sealed class BookingRateLimiter : IDisposable
{
    private readonly object _sync = new();
    private readonly Timer _refillTimer;
    private readonly int _capacity;
    private readonly int _tokensPerTick;
    private int _tokens;
    private long _rejected;

    public BookingRateLimiter(int capacity, int tokensPerTick, TimeSpan tick)
    {
        _capacity = capacity;
        _tokensPerTick = tokensPerTick;
        _tokens = capacity;
        _refillTimer = new Timer(_ => Refill(), null, tick, tick);
    }

    public bool TryAcquire(int permits = 1)
    {
        if (permits > _capacity)
            throw new ArgumentOutOfRangeException(nameof(permits));

        lock (_sync)
        {
            if (_tokens < permits)
            {
                _rejected++;
                return false;
            }

            _tokens -= permits;
            return true;
        }
    }

    public int AvailablePermits
    {
        get { lock (_sync) return _tokens; }
    }

    public long RejectedCount
    {
        get { lock (_sync) return _rejected; }
    }

    private void Refill()
    {
        lock (this)
        {
            int next = _tokens + _tokensPerTick;
            _tokens = next > _capacity ? _capacity : next;
        }
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed class TourBookingHandler
{
    private readonly BookingRateLimiter _limiter;

    public TourBookingHandler(BookingRateLimiter limiter) => _limiter = limiter;

    public Task<int> HandleAsync(string tourId, int seats, Func<string, int, Task> forward)
    {
        if (!_limiter.TryAcquire())
            return Task.FromResult(429);

        return ForwardAsync(tourId, seats, forward);
    }

    private static async Task<int> ForwardAsync(string tourId, int seats, Func<string, int, Task> forward)
    {
        await forward(tourId, seats).ConfigureAwait(false);
        return 202;
    }
}
