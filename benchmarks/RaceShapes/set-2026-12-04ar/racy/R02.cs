namespace Blind44.GlacierTours.Booking;

public sealed record TourDeparture(string TourId, DateOnly Date, int Capacity);

public enum BookingOutcome { Confirmed, SoldOut, UnknownTour }

/// <summary>
/// Seat inventory for guided glacier walks. One instance is shared by the booking website,
/// the front-desk app and the refund processor, all of which call it concurrently.
/// </summary>
public sealed class GlacierSeatInventory
{
    private readonly Dictionary<string, int> _seatsRemaining = new();
    private readonly Dictionary<string, List<string>> _guests = new();
    private readonly object _bookingLock = new();
    // Refunds run through the payment provider callback; kept on their own lock so a slow
    // refund batch does not hold up the booking page.
    private readonly object _refundLock = new();

    public void AddDeparture(TourDeparture departure)
    {
        lock (_bookingLock)
        {
            _seatsRemaining[departure.TourId] = departure.Capacity;
            _guests[departure.TourId] = new List<string>();
        }
    }

    public BookingOutcome Book(string tourId, string guestName, int party)
    {
        lock (_bookingLock)
        {
            if (!_seatsRemaining.TryGetValue(tourId, out var left))
                return BookingOutcome.UnknownTour;
            if (left < party)
                return BookingOutcome.SoldOut;

            _seatsRemaining[tourId] = left - party;
            for (int i = 0; i < party; i++)
                _guests[tourId].Add(guestName);
            return BookingOutcome.Confirmed;
        }
    }

    public int Refund(string tourId, string guestName)
    {
        lock (_refundLock)
        {
            if (!_seatsRemaining.TryGetValue(tourId, out var left))
                return 0;

            int released;
            List<string> list;
            lock (_bookingLock)
            {
                list = _guests[tourId];
                released = list.RemoveAll(g => g == guestName);
            }

            _seatsRemaining[tourId] = left + released;
            return released;
        }
    }

    public int SeatsLeft(string tourId)
    {
        lock (_bookingLock)
        {
            return _seatsRemaining.TryGetValue(tourId, out var left) ? left : 0;
        }
    }
}

/// <summary>Processes the refund file the payment provider drops every few minutes.</summary>
public sealed class RefundBatchProcessor
{
    private readonly GlacierSeatInventory _inventory;

    public RefundBatchProcessor(GlacierSeatInventory inventory) => _inventory = inventory;

    public Task<int> ProcessAsync(IEnumerable<(string TourId, string Guest)> refunds) =>
        Task.Run(() =>
        {
            int seats = 0;
            foreach (var (tourId, guest) in refunds)
                seats += _inventory.Refund(tourId, guest);
            return seats;
        });
}
