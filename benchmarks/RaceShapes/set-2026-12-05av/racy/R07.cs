namespace Blind48.Paragliding.Bookings;

public interface IInstructorRoster
{
    Task<bool> HasTandemInstructorAsync(DateTime slot, CancellationToken ct);
}

public interface IBookingStore
{
    Task SaveAsync(DateTime slot, string student, CancellationToken ct);
}

/// <summary>
/// Books tandem flight slots on the training hill. Registered as a singleton in
/// the booking API; every booking request calls <see cref="TryBookAsync"/>.
/// </summary>
public sealed class TandemSlotBooker
{
    private readonly IInstructorRoster _roster;
    private readonly IBookingStore _store;
    private readonly HashSet<DateTime> _bookedSlots = new();
    private readonly SemaphoreSlim _storeGate = new(1, 1);

    public TandemSlotBooker(IInstructorRoster roster, IBookingStore store)
    {
        _roster = roster;
        _store = store;
    }

    public async Task<bool> TryBookAsync(DateTime slot, string student, CancellationToken ct)
    {
        slot = new DateTime(slot.Year, slot.Month, slot.Day, slot.Hour, slot.Minute - slot.Minute % 30, 0, DateTimeKind.Utc);

        if (_bookedSlots.Contains(slot))
        {
            return false;
        }

        if (!await _roster.HasTandemInstructorAsync(slot, ct))
        {
            return false;
        }

        _bookedSlots.Add(slot);

        // The booking database only accepts one writer per site.
        await _storeGate.WaitAsync(ct);
        try
        {
            await _store.SaveAsync(slot, student, ct);
        }
        finally
        {
            _storeGate.Release();
        }

        return true;
    }

    public async Task<IReadOnlyList<DateTime>> BookedSlotsAsync(CancellationToken ct)
    {
        await _storeGate.WaitAsync(ct);
        try
        {
            return _bookedSlots.OrderBy(s => s).ToArray();
        }
        finally
        {
            _storeGate.Release();
        }
    }
}
