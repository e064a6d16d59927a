namespace Blind28.CanalBoats.Bookings;

public sealed record Booking(string Reference, string Boat, DateOnly From, DateOnly To, string Customer);

/// <summary>
/// Holds the season's boat bookings for the hire base. Registered as a singleton; the
/// website, the phone-booking screen and the channel-manager sync all call it.
/// </summary>
public sealed class BookingBook
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly Dictionary<string, List<Booking>> _byBoat = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<Booking, CancellationToken, Task> _persist;
    private int _nextReference = 1000;

    public BookingBook(Func<Booking, CancellationToken, Task> persist)
    {
        _persist = persist;
    }

    public async Task<Booking?> TryBookAsync(string boat, DateOnly from, DateOnly to, string customer, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            if (!_byBoat.TryGetValue(boat, out var bookings))
            {
                bookings = new List<Booking>();
                _byBoat[boat] = bookings;
            }

            if (bookings.Any(b => b.From < to && from < b.To))
            {
                return null;
            }

            var booking = new Booking($"CB{_nextReference++}", boat, from, to, customer);
            await _persist(booking, ct);
            bookings.Add(booking);
            return booking;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<bool> CancelAsync(string reference, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            foreach (var bookings in _byBoat.Values)
            {
                if (bookings.RemoveAll(b => b.Reference == reference) > 0)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<IReadOnlyList<string>> AvailableBoatsAsync(IEnumerable<string> fleet, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            return fleet
                .Where(boat => !_byBoat.TryGetValue(boat, out var bookings) || !bookings.Any(b => b.From < to && from < b.To))
                .ToList();
        }
        finally
        {
            _mutex.Release();
        }
    }
}
