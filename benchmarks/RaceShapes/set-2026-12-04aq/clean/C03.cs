namespace Blind43.IceRink.Resurfacing;

public interface IResurfacerClient
{
    Task<bool> ConfirmSlotAsync(int sheet, DateTime start, CancellationToken ct);
}

/// <summary>
/// Books ice-resurfacer slots between sessions on each sheet of ice. A singleton called by
/// the rink manager's tablet, the hockey league scheduler and the public session planner.
/// </summary>
public sealed class ResurfacingScheduler
{
    private static readonly TimeSpan SlotLength = TimeSpan.FromMinutes(15);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedDictionary<DateTime, int> _slots = new();
    private readonly IResurfacerClient _resurfacer;

    public ResurfacingScheduler(IResurfacerClient resurfacer) => _resurfacer = resurfacer;

    public async Task<bool> TryBookAsync(int sheet, DateTime start, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (var existing in _slots.Keys)
            {
                if (existing < start + SlotLength && start < existing + SlotLength)
                {
                    return false;
                }
            }

            // The driver's handset must acknowledge before the slot is ours.
            var confirmed = await _resurfacer.ConfirmSlotAsync(sheet, start, ct).ConfigureAwait(false);
            if (!confirmed)
            {
                return false;
            }

            _slots[start] = sheet;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<(DateTime Start, int Sheet)>> UpcomingAsync(DateTime from, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _slots.Where(kv => kv.Key >= from).Select(kv => (kv.Key, kv.Value)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CancelAsync(DateTime start, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _slots.Remove(start);
        }
        finally
        {
            _gate.Release();
        }
    }
}
