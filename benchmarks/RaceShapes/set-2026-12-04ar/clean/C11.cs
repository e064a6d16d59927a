using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Blind44.GlacierTours.Inventory;

public sealed record DepartureSeats(int Capacity, int Booked, ImmutableList<string> Guests)
{
    public int Remaining => Capacity - Booked;
}

/// <summary>
/// Seat inventory for glacier hikes, shared by the booking site, the front desk and the refund
/// processor.
/// </summary>
public sealed class SeatLedger
{
    private readonly ConcurrentDictionary<string, DepartureSeats> _departures = new();

    public void Open(string departureId, int capacity) =>
        _departures.TryAdd(departureId, new DepartureSeats(capacity, 0, ImmutableList<string>.Empty));

    public bool TryBook(string departureId, string guest, int party)
    {
        while (true)
        {
            if (!_departures.TryGetValue(departureId, out var current))
                return false;
            if (current.Remaining < party)
                return false;

            var updated = current with
            {
                Booked = current.Booked + party,
                Guests = current.Guests.AddRange(Enumerable.Repeat(guest, party)),
            };

            if (_departures.TryUpdate(departureId, updated, current))
                return true;
        }
    }

    public int Refund(string departureId, string guest)
    {
        while (true)
        {
            if (!_departures.TryGetValue(departureId, out var current))
                return 0;

            var remaining = current.Guests.RemoveAll(g => g == guest);
            var released = current.Guests.Count - remaining.Count;
            if (released == 0)
                return 0;

            var updated = current with { Booked = current.Booked - released, Guests = remaining };
            if (_departures.TryUpdate(departureId, updated, current))
                return released;
        }
    }

    /// <summary>Weather closures: shrink capacity without cancelling anyone already booked.</summary>
    public void ReduceCapacity(string departureId, int newCapacity) =>
        _departures.AddOrUpdate(departureId,
            _ => new DepartureSeats(newCapacity, 0, ImmutableList<string>.Empty),
            (_, current) => current with { Capacity = Math.Max(newCapacity, current.Booked) });

    public DepartureSeats? Get(string departureId) =>
        _departures.TryGetValue(departureId, out var seats) ? seats : null;

    /// <summary>Snapshot for the guide's manifest printout.</summary>
    public IReadOnlyList<string> Manifest(string departureId) =>
        _departures.TryGetValue(departureId, out var seats) ? seats.Guests : ImmutableList<string>.Empty;
}

/// <summary>Front-desk batch of walk-in bookings, processed in parallel with the website.</summary>
public sealed class WalkInDesk
{
    private readonly SeatLedger _ledger;

    public WalkInDesk(SeatLedger ledger) => _ledger = ledger;

    public async Task<int> BookAllAsync(IEnumerable<(string Departure, string Guest, int Party)> walkIns)
    {
        var results = await Task.WhenAll(walkIns.Select(w => Task.Run(() => _ledger.TryBook(w.Departure, w.Guest, w.Party))));
        return results.Count(ok => ok);
    }
}
