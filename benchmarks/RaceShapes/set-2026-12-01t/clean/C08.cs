namespace Harbour.CraneScheduling;

public sealed record CraneSlot(string CraneId, string VesselName, DateTime StartUtc, DateTime EndUtc);

/// <summary>
/// Berth crane schedule. Read constantly by the terminal operating system's
/// planning screens and occasionally updated by the vessel planners. All
/// members may be called from any thread.
/// </summary>
public sealed class CraneSchedule : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, List<CraneSlot>> _slotsByCrane = new(StringComparer.OrdinalIgnoreCase);

    public bool TryBook(CraneSlot slot)
    {
        if (slot.EndUtc <= slot.StartUtc)
        {
            return false;
        }

        _rw.EnterWriteLock();
        try
        {
            if (!_slotsByCrane.TryGetValue(slot.CraneId, out var slots))
            {
                slots = new List<CraneSlot>();
                _slotsByCrane[slot.CraneId] = slots;
            }

            if (slots.Any(s => s.StartUtc < slot.EndUtc && slot.StartUtc < s.EndUtc))
            {
                return false;
            }

            slots.Add(slot);
            slots.Sort((a, b) => a.StartUtc.CompareTo(b.StartUtc));
            return true;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public IReadOnlyList<CraneSlot> SlotsFor(string craneId)
    {
        _rw.EnterReadLock();
        try
        {
            return _slotsByCrane.TryGetValue(craneId, out var slots) ? slots.ToArray() : Array.Empty<CraneSlot>();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public string? CraneServing(string vesselName, DateTime atUtc)
    {
        _rw.EnterReadLock();
        try
        {
            foreach (var (crane, slots) in _slotsByCrane)
            {
                if (slots.Any(s => s.VesselName == vesselName && s.StartUtc <= atUtc && atUtc < s.EndUtc))
                {
                    return crane;
                }
            }
            return null;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public int Cancel(string vesselName)
    {
        _rw.EnterWriteLock();
        try
        {
            return _slotsByCrane.Values.Sum(slots => slots.RemoveAll(s => s.VesselName == vesselName));
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}
