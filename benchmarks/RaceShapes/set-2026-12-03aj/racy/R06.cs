namespace Blind36.CanalBoats.Bookings;

public sealed record Booking(Guid Id, string BoatName, string Customer, DateOnly From, DateOnly To);

public interface IBookingStore
{
    Task SaveAsync(Booking booking, CancellationToken ct);
    Task DeleteAsync(Guid id, CancellationToken ct);
}

/// <summary>
/// Availability and booking service for the hire fleet. Registered with
/// <c>services.AddSingleton&lt;BoatBookingService&gt;()</c> and called from every
/// booking request the web front end handles.
/// </summary>
public sealed class BoatBookingService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, List<Booking>> _byBoat = new(StringComparer.OrdinalIgnoreCase);
    private readonly IBookingStore _store;

    public BoatBookingService(IBookingStore store) => _store = store;

    public async Task<Booking?> TryBookAsync(string boat, string customer, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (to < from)
            throw new ArgumentException("Return date is before pick-up date.");

        await _gate.WaitAsync(ct);
        try
        {
            if (!_byBoat.TryGetValue(boat, out var list))
                _byBoat[boat] = list = new List<Booking>();

            if (list.Any(b => b.From <= to && from <= b.To))
                return null;

            var booking = new Booking(Guid.NewGuid(), boat, customer, from, to);
            await _store.SaveAsync(booking, ct);
            list.Add(booking);
            return booking;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CancelAsync(string boat, Guid bookingId, CancellationToken ct)
    {
        await _store.DeleteAsync(bookingId, ct);

        if (_byBoat.TryGetValue(boat, out var list))
        {
            int removed = list.RemoveAll(b => b.Id == bookingId);
            return removed > 0;
        }
        return false;
    }

    public async Task<IReadOnlyList<Booking>> GetBookingsAsync(string boat, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return _byBoat.TryGetValue(boat, out var list)
                ? list.OrderBy(b => b.From).ToList()
                : Array.Empty<Booking>();
        }
        finally
        {
            _gate.Release();
        }
    }
}
