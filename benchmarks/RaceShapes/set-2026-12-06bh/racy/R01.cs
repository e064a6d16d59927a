namespace Blind60.BellTower.Bookings;

/// <summary>
/// Limits how many practice-night bookings a tower accepts within a rolling window.
/// Registered as an app-wide singleton; every booking request calls <see cref="TryAcquire"/>.
/// </summary>
public sealed class PracticeBookingRateLimiter
{
    private readonly int _permitsPerWindow;
    private readonly TimeSpan _window;
    private Queue<DateTime> _recent = new();

    public PracticeBookingRateLimiter(int permitsPerWindow, TimeSpan window)
    {
        if (permitsPerWindow <= 0) throw new ArgumentOutOfRangeException(nameof(permitsPerWindow));
        _permitsPerWindow = permitsPerWindow;
        _window = window;
    }

    public bool TryAcquire(DateTime nowUtc)
    {
        lock (_recent)
        {
            // Drop timestamps that have slid out of the window.
            while (_recent.Count > 0 && nowUtc - _recent.Peek() > _window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= _permitsPerWindow)
            {
                return false;
            }

            _recent.Enqueue(nowUtc);
            return true;
        }
    }

    public int InWindow
    {
        get
        {
            lock (_recent)
            {
                return _recent.Count;
            }
        }
    }

    /// <summary>
    /// Used by the tower captain's admin page to clear the quota after a peal attempt.
    /// </summary>
    public void Reset()
    {
        lock (_recent)
        {
            _recent = new Queue<DateTime>();
        }
    }
}

public sealed record BookingRequest(string Tower, string Band, DateTime RequestedFor);

public sealed class PracticeBookingService
{
    private readonly PracticeBookingRateLimiter _limiter;
    private readonly List<BookingRequest> _accepted = new();
    private readonly object _acceptedGate = new();

    public PracticeBookingService(PracticeBookingRateLimiter limiter) => _limiter = limiter;

    public bool Book(BookingRequest request)
    {
        if (!_limiter.TryAcquire(DateTime.UtcNow))
        {
            return false;
        }

        lock (_acceptedGate)
        {
            _accepted.Add(request);
        }
        return true;
    }

    public IReadOnlyList<BookingRequest> Accepted()
    {
        lock (_acceptedGate)
        {
            return _accepted.ToArray();
        }
    }
}
