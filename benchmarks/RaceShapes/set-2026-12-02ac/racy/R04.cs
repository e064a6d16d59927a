namespace Blind29.BellRinging.Bookings;

public sealed record PealBooking(DateOnly Date, string Method, string Conductor, int Ringers);

/// <summary>
/// Peal book for a ringing tower. Registered as a singleton in the tower's booking
/// site; the booking page, the captain's admin page and the nightly email digest
/// all call into it concurrently.
/// </summary>
public sealed class PealBook
{
    private readonly Dictionary<DateOnly, PealBooking> _peals = new();
    private readonly int _bellCount;

    public PealBook(int bellCount) => _bellCount = bellCount;

    public bool TryBook(PealBooking booking)
    {
        if (booking.Ringers > _bellCount + 2)
        {
            return false;
        }

        lock (this)
        {
            if (_peals.ContainsKey(booking.Date))
            {
                return false;
            }

            _peals[booking.Date] = booking;
            return true;
        }
    }

    public bool Cancel(DateOnly date, string conductor)
    {
        lock (_peals)
        {
            if (_peals.TryGetValue(date, out var existing) && existing.Conductor == conductor)
            {
                return _peals.Remove(date);
            }

            return false;
        }
    }

    public IReadOnlyList<PealBooking> Upcoming(DateOnly from, int days)
    {
        lock (this)
        {
            var to = from.AddDays(days);
            return _peals.Values
                .Where(p => p.Date >= from && p.Date < to)
                .OrderBy(p => p.Date)
                .ToList();
        }
    }
}

public sealed class WeeklyDigest
{
    private readonly PealBook _book;

    public WeeklyDigest(PealBook book) => _book = book;

    public string Compose(DateOnly today)
    {
        var lines = _book.Upcoming(today, 7)
            .Select(p => $"{p.Date:ddd dd MMM}: {p.Method} conducted by {p.Conductor} ({p.Ringers} ringers)");
        return string.Join(Environment.NewLine, lines);
    }
}
