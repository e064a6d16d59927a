namespace Blind58.ZipLineBooking;

/// <summary>
/// Token bucket that limits how many booking attempts per second the zip-line park's
/// public booking API will accept. A single instance is shared by all request handlers;
/// a background timer tops the bucket up at a fixed rate.
/// </summary>
public sealed class BookingRateLimiter : IDisposable
{
    private readonly object _takeLock = new();
    private readonly int _capacity;
    private readonly int _refillPerTick;
    private readonly Timer _refillTimer;
    private int _tokens;
    private long _rejected;

    public BookingRateLimiter(int capacity, int refillPerTick, TimeSpan tick)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _capacity = capacity;
        _refillPerTick = refillPerTick;
        _tokens = capacity;
        _refillTimer = new Timer(_ => Refill(), null, tick, tick);
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    public bool TryTake(int cost = 1)
    {
        lock (_takeLock)
        {
            if (_tokens < cost)
            {
                Interlocked.Increment(ref _rejected);
                return false;
            }

            _tokens -= cost;
            return true;
        }
    }

    public int Available
    {
        get
        {
            lock (_takeLock)
            {
                return _tokens;
            }
        }
    }

    private void Refill()
    {
        lock (_refillTimer)
        {
            _tokens = Math.Min(_capacity, _tokens + _refillPerTick);
        }
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed record LineBookingRequest(string RiderName, string Course, DateTime Slot);

/// <summary>Handles booking submissions coming in from the website and the kiosks.</summary>
public sealed class LineBookingHandler
{
    private readonly BookingRateLimiter _limiter;
    private readonly Func<LineBookingRequest, Task<bool>> _store;

    public LineBookingHandler(BookingRateLimiter limiter, Func<LineBookingRequest, Task<bool>> store)
    {
        _limiter = limiter;
        _store = store;
    }

    public async Task<int> HandleAsync(LineBookingRequest request)
    {
        if (!_limiter.TryTake())
        {
            return 429;
        }

        return await _store(request).ConfigureAwait(false) ? 201 : 409;
    }
}
