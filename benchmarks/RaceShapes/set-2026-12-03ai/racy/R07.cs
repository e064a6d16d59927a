namespace Blind35.Sauna.Benches;

public sealed record BenchBooking(string Member, DateTimeOffset Until);

/// <summary>
/// Bench booking board for one sauna club. Registered as a singleton; the booking API
/// calls it from concurrent requests. Expired bookings are swept once a minute.
/// </summary>
public sealed class BenchBookingBoard : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<int, BenchBooking> _bookings = new();
    private readonly TimeProvider _clock;
    private readonly int _benchCount;
    private readonly Timer _sweeper;

    public BenchBookingBoard(int benchCount, TimeProvider clock)
    {
        _benchCount = benchCount;
        _clock = clock;
        _sweeper = new Timer(_ => SweepExpired(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public bool TryBook(int bench, string member, TimeSpan length)
    {
        if (bench < 1 || bench > _benchCount)
        {
            throw new ArgumentOutOfRangeException(nameof(bench));
        }

        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            if (_bookings.TryGetValue(bench, out var existing) && existing.Until > now)
            {
                return false;
            }

            _bookings[bench] = new BenchBooking(member, now + length);
            return true;
        }
    }

    public IReadOnlyList<int> FreeBenches()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            return Enumerable.Range(1, _benchCount)
                .Where(b => !_bookings.TryGetValue(b, out var booking) || booking.Until <= now)
                .ToList();
        }
    }

    public bool Cancel(int bench, string member)
    {
        lock (_lock)
        {
            return _bookings.TryGetValue(bench, out var booking)
                && booking.Member == member
                && _bookings.Remove(bench);
        }
    }

    private void SweepExpired()
    {
        var now = _clock.GetUtcNow();
        var expired = _bookings
            .Where(kv => kv.Value.Until <= now)
            .Select(kv => kv.Key)
            .ToList();

        foreach (var bench in expired)
        {
            _bookings.Remove(bench);
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
