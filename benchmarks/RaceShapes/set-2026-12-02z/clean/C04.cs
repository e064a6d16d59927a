using System.Diagnostics;

namespace Blind26.AlpineHut.Ledger;

public sealed record BedBooking(Guid Id, string Guest, DateOnly Night, int Beds);

/// <summary>
/// Bed ledger for a mountain hut. Registered as a singleton in the booking API; the
/// booking, cancellation and availability endpoints all call the same instance.
/// </summary>
public sealed class HutBedLedger
{
    private readonly object _sync = new();
    private readonly Dictionary<DateOnly, List<BedBooking>> _byNight = new();
    private readonly Dictionary<Guid, BedBooking> _byId = new();

    public HutBedLedger(int capacity) => Capacity = capacity;

    public int Capacity { get; }

    public bool TryBook(BedBooking booking)
    {
        lock (_sync)
        {
            if (TakenCore(booking.Night) + booking.Beds > Capacity)
            {
                return false;
            }

            AddCore(booking);
            return true;
        }
    }

    public bool TryMove(Guid bookingId, DateOnly newNight)
    {
        lock (_sync)
        {
            if (!_byId.TryGetValue(bookingId, out var existing))
            {
                return false;
            }

            if (TakenCore(newNight) + existing.Beds > Capacity)
            {
                return false;
            }

            RemoveCore(existing);
            AddCore(existing with { Night = newNight });
            return true;
        }
    }

    public bool Cancel(Guid bookingId)
    {
        lock (_sync)
        {
            if (!_byId.TryGetValue(bookingId, out var existing))
            {
                return false;
            }

            RemoveCore(existing);
            return true;
        }
    }

    public int FreeBeds(DateOnly night)
    {
        lock (_sync)
        {
            return Capacity - TakenCore(night);
        }
    }

    private void AddCore(BedBooking booking)
    {
        Debug.Assert(Monitor.IsEntered(_sync));
        if (!_byNight.TryGetValue(booking.Night, out var list))
        {
            list = new List<BedBooking>();
            _byNight.Add(booking.Night, list);
        }

        list.Add(booking);
        _byId[booking.Id] = booking;
    }

    private void RemoveCore(BedBooking booking)
    {
        Debug.Assert(Monitor.IsEntered(_sync));
        _byId.Remove(booking.Id);
        if (_byNight.TryGetValue(booking.Night, out var list))
        {
            list.RemoveAll(b => b.Id == booking.Id);
        }
    }

    private int TakenCore(DateOnly night) =>
        _byNight.TryGetValue(night, out var list) ? list.Sum(b => b.Beds) : 0;
}
