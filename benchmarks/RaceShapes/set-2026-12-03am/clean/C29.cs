using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.CanalLocks.Passages;

public sealed record Passage(string Boat, DateTime SlotUtc);

public interface IReservoirService
{
    Task<bool> HasWaterForAsync(DateTime slotUtc, CancellationToken ct);
}

/// <summary>
/// Books boat passages through a flight of locks. The lock-keepers' tablets and the
/// online booking site share one instance per flight. Each booking also checks that the
/// summit reservoir holds enough water for the slot.
/// </summary>
public sealed class PassageBooker
{
    private const int SlotMinutes = 20;

    private readonly object _gate = new();
    private readonly List<Passage> _passages = new();
    private readonly IReservoirService _reservoir;
    private int _version;

    public PassageBooker(IReservoirService reservoir) => _reservoir = reservoir;

    public async Task<Passage?> BookAsync(string boat, DateTime earliestUtc, int maxAttempts, CancellationToken ct)
    {
        var from = earliestUtc;
        for (int attempt = 0; attempt < maxAttempts; attempt++)
        {
            int seenVersion;
            DateTime slot;
            lock (_gate)
            {
                seenVersion = _version;
                slot = NextFreeSlotLocked(from);
            }

            if (!await _reservoir.HasWaterForAsync(slot, ct).ConfigureAwait(false))
            {
                from = slot.AddMinutes(SlotMinutes);
                continue;
            }

            lock (_gate)
            {
                if (_version != seenVersion)
                    continue; // the timetable changed while we were asking; look again

                var passage = new Passage(boat, slot);
                _passages.Add(passage);
                _version++;
                return passage;
            }
        }

        return null;
    }

    public bool Cancel(string boat, DateTime slotUtc)
    {
        lock (_gate)
        {
            var removed = _passages.RemoveAll(p => p.Boat == boat && p.SlotUtc == slotUtc) > 0;
            if (removed)
                _version++;
            return removed;
        }
    }

    public IReadOnlyList<Passage> Timetable()
    {
        lock (_gate)
        {
            return _passages.OrderBy(p => p.SlotUtc).ToList();
        }
    }

    private DateTime NextFreeSlotLocked(DateTime fromUtc)
    {
        var slot = new DateTime(fromUtc.Ticks - fromUtc.Ticks % TimeSpan.FromMinutes(SlotMinutes).Ticks, DateTimeKind.Utc);
        if (slot < fromUtc)
            slot = slot.AddMinutes(SlotMinutes);
        while (_passages.Any(p => p.SlotUtc == slot))
            slot = slot.AddMinutes(SlotMinutes);
        return slot;
    }
}
