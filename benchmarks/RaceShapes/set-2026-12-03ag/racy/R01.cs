namespace GlassStudio.Kilns;

/// <summary>
/// Books firing slots on the studio's kilns. One instance is registered as an
/// app-wide singleton and is called by every booking request handler.
/// </summary>
public sealed class KilnScheduler
{
    private readonly object _gate = new();
    private readonly Dictionary<int, List<FiringSlot>> _slotsByKiln = new();
    private long _totalFiringMinutes;

    public KilnScheduler(IEnumerable<int> kilnIds)
    {
        foreach (var id in kilnIds)
        {
            _slotsByKiln[id] = new List<FiringSlot>();
        }
    }

    /// <summary>Total minutes booked across all kilns, used for the gas bill estimate.</summary>
    public long TotalFiringMinutes
    {
        get { lock (_gate) { return _totalFiringMinutes; } }
    }

    public bool TryBook(int kilnId, DateTime start, int minutes, string artist)
    {
        if (minutes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes));
        }

        var slot = new FiringSlot(start, start.AddMinutes(minutes), artist);

        lock (_gate)
        {
            if (!_slotsByKiln.TryGetValue(kilnId, out var slots))
            {
                return false;
            }

            foreach (var existing in slots)
            {
                if (existing.Overlaps(slot))
                {
                    return false;
                }
            }

            slots.Add(slot);
        }

        // Keep the running total for the billing report.
        _totalFiringMinutes += minutes;
        return true;
    }

    public bool Cancel(int kilnId, DateTime start)
    {
        lock (_gate)
        {
            if (!_slotsByKiln.TryGetValue(kilnId, out var slots))
            {
                return false;
            }

            int index = slots.FindIndex(s => s.Start == start);
            if (index < 0)
            {
                return false;
            }

            var removed = slots[index];
            slots.RemoveAt(index);
            _totalFiringMinutes -= (long)(removed.End - removed.Start).TotalMinutes;
            return true;
        }
    }

    public IReadOnlyList<FiringSlot> SlotsFor(int kilnId)
    {
        lock (_gate)
        {
            return _slotsByKiln.TryGetValue(kilnId, out var slots)
                ? slots.OrderBy(s => s.Start).ToArray()
                : Array.Empty<FiringSlot>();
        }
    }
}

public readonly record struct FiringSlot(DateTime Start, DateTime End, string Artist)
{
    public bool Overlaps(FiringSlot other) => Start < other.End && other.Start < End;
}
