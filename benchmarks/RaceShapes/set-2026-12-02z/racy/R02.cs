namespace Blind26.AlpineHut.Bookings;

public sealed record Booking(Guid Id, string Guest, DateOnly Night, int Beds);

/// <summary>
/// Bed ledger for one mountain hut. Registered as a singleton in the booking API;
/// the booking, cancellation and availability endpoints all call into the same instance.
/// </summary>
public sealed class HutBookingLedger
{
    private readonly object _sync = new();
    private readonly Dictionary<DateOnly, List<Booking>> _byNight = new();
    private readonly Dictionary<Guid, Booking> _byId = new();

    public HutBookingLedger(int capacity)
    {
        Capacity = capacity;
    }

    public int Capacity { get; }

    public bool TryBook(Booking booking)
    {
        lock (_sync)
        {
            if (BedsTaken(booking.Night) + booking.Beds > Capacity)
            {
                return false;
            }

            if (!_byNight.TryGetValue(booking.Night, out var list))
            {
                list = new List<Booking>();
                _byNight.Add(booking.Night, list);
            }

            list.Add(booking);
            _byId.Add(booking.Id, booking);
            return true;
        }
    }

    public bool Cancel(Guid bookingId)
    {
        lock (_byId)
        {
            if (!_byId.Remove(bookingId, out var booking))
            {
                return false;
            }

            if (_byNight.TryGetValue(booking.Night, out var list))
            {
                list.RemoveAll(b => b.Id == bookingId);
            }

            return true;
        }
    }

    public int FreeBeds(DateOnly night)
    {
        lock (_sync)
        {
            return Capacity - BedsTaken(night);
        }
    }

    public IReadOnlyList<Booking> GuestsFor(DateOnly night)
    {
        lock (_sync)
        {
            return _byNight.TryGetValue(night, out var list) ? list.ToArray() : Array.Empty<Booking>();
        }
    }

    private int BedsTaken(DateOnly night)
    {
        if (!_byNight.TryGetValue(night, out var list))
        {
            return 0;
        }

        int taken = 0;
        foreach (var b in list)
        {
            taken += b.Beds;
        }

        return taken;
    }
}
