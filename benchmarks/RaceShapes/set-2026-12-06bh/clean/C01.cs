namespace Blind60.BellTower.Visits;

/// <summary>
/// Sliding-window limiter for visitor tower-tour bookings made through the tower's website.
/// Registered as a singleton; every booking request calls <see cref="TryAcquire"/>.
/// </summary>
public sealed class TourBookingLimiter
{
    private readonly object _sync = new();
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly Queue<DateTime> _stamps = new();
    private long _rejected;

    public TourBookingLimiter(int limit, TimeSpan window)
    {
        _limit = limit;
        _window = window;
    }

    public bool TryAcquire(DateTime nowUtc)
    {
        lock (_sync)
        {
            Evict(nowUtc);
            if (_stamps.Count < _limit)
            {
                _stamps.Enqueue(nowUtc);
                return true;
            }
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    public TimeSpan RetryAfter(DateTime nowUtc)
    {
        lock (_sync)
        {
            Evict(nowUtc);
            if (_stamps.Count < _limit)
            {
                return TimeSpan.Zero;
            }
            return _stamps.Peek() + _window - nowUtc;
        }
    }

    public void Reset()
    {
        lock (_sync)
        {
            _stamps.Clear();
        }
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    private void Evict(DateTime nowUtc)
    {
        while (_stamps.Count > 0 && nowUtc - _stamps.Peek() >= _window)
        {
            _stamps.Dequeue();
        }
    }
}

public sealed class TourBookingEndpoint
{
    private readonly TourBookingLimiter _limiter;

    public TourBookingEndpoint(TourBookingLimiter limiter) => _limiter = limiter;

    public (int Status, string Body) Post(string visitorName)
    {
        var now = DateTime.UtcNow;
        if (_limiter.TryAcquire(now))
        {
            return (201, $"Booked a tour of the ringing chamber for {visitorName}.");
        }

        var retry = _limiter.RetryAfter(now);
        return (429, $"Tours are full; try again in {Math.Ceiling(retry.TotalSeconds)} s.");
    }
}
