namespace Blind48.Paragliding.Winch;

public interface IWinchOperatorRoster
{
    Task<bool> HasOperatorAsync(DateTime slot, CancellationToken ct);
}

public interface IWinchBookingStore
{
    Task SaveAsync(DateTime slot, string pilot, CancellationToken ct);
}

/// <summary>
/// Books winch-tow launch slots at the flatland site. Registered as a singleton
/// in the booking API; every booking request calls <see cref="TryBookAsync"/>.
/// </summary>
public sealed class WinchLaunchBooker
{
    private readonly IWinchOperatorRoster _roster;
    private readonly IWinchBookingStore _store;
    private readonly HashSet<DateTime> _bookedSlots = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public WinchLaunchBooker(IWinchOperatorRoster roster, IWinchBookingStore store)
    {
        _roster = roster;
        _store = store;
    }

    public async Task<bool> TryBookAsync(DateTime slot, string pilot, CancellationToken ct)
    {
        slot = new DateTime(slot.Year, slot.Month, slot.Day, slot.Hour, slot.Minute - slot.Minute % 10, 0, DateTimeKind.Utc);

        // Checking the roster does not depend on our own bookings, so do it before queuing.
        if (!await _roster.HasOperatorAsync(slot, ct).ConfigureAwait(false))
        {
            return false;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_bookedSlots.Contains(slot))
            {
                return false;
            }

            await _store.SaveAsync(slot, pilot, ct).ConfigureAwait(false);
            _bookedSlots.Add(slot);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CancelAsync(DateTime slot, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _bookedSlots.Remove(slot);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<DateTime>> BookedSlotsAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _bookedSlots.OrderBy(s => s).ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }
}
