namespace Community.HallBookings;

public sealed record HallBooking(string HallName, string Organiser, DateTime Start, DateTime End)
{
    public bool Overlaps(HallBooking other) =>
        HallName == other.HallName && Start < other.End && other.Start < End;
}

public interface IBookingNotifier
{
    void Confirm(HallBooking booking);
}

/// <summary>
/// Handles booking requests for the parish and community halls.
/// Registered as a transient service; one instance is created per web request.
/// </summary>
public sealed class HallBookingService
{
    private static readonly List<HallBooking> s_bookings = new();

    private readonly object _gate = new();
    private readonly IBookingNotifier _notifier;

    public HallBookingService(IBookingNotifier notifier)
    {
        _notifier = notifier;
    }

    public bool TryBook(string hallName, string organiser, DateTime start, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromHours(12))
        {
            return false;
        }

        var booking = new HallBooking(hallName, organiser, start, start + duration);

        lock (_gate)
        {
            if (s_bookings.Any(existing => existing.Overlaps(booking)))
            {
                return false;
            }

            s_bookings.Add(booking);
        }

        _notifier.Confirm(booking);
        return true;
    }

    public IReadOnlyList<HallBooking> BookingsFor(string hallName, DateTime day)
    {
        lock (_gate)
        {
            return s_bookings
                .Where(b => b.HallName == hallName && b.Start.Date == day.Date)
                .OrderBy(b => b.Start)
                .ToList();
        }
    }

    public bool Cancel(string hallName, string organiser, DateTime start)
    {
        lock (_gate)
        {
            return s_bookings.RemoveAll(b =>
                b.HallName == hallName && b.Organiser == organiser && b.Start == start) > 0;
        }
    }
}
