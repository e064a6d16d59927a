namespace VetClinic.Surgery;

public sealed record SurgerySlot(Guid Id, string PetName, string Procedure, TimeOnly Start, TimeSpan Length)
{
    public TimeOnly End => Start.Add(Length);
}

/// <summary>
/// Books the practice's operating theatre. Registered as a singleton; the reception app,
/// the vets' tablets and the online pre-op form all call it concurrently.
/// </summary>
public sealed class TheatreSlotBook
{
    private readonly object _gate = new();
    private readonly Dictionary<DateOnly, List<SurgerySlot>> _byDay = new();
    private int _totalBookings;

    public bool TryBook(DateOnly day, string petName, string procedure, TimeOnly start, TimeSpan length, out SurgerySlot? slot)
    {
        lock (_gate)
        {
            var diary = GetOrCreateDay(day);
            if (Overlaps(diary, start, length))
            {
                slot = null;
                return false;
            }

            slot = new SurgerySlot(Guid.NewGuid(), petName, procedure, start, length);
            diary.Add(slot);
            diary.Sort((a, b) => a.Start.CompareTo(b.Start));
            _totalBookings++;
            return true;
        }
    }

    public bool Cancel(DateOnly day, Guid slotId)
    {
        lock (_gate)
        {
            var diary = GetOrCreateDay(day);
            var removed = diary.RemoveAll(s => s.Id == slotId) > 0;
            if (removed)
            {
                _totalBookings--;
            }
            return removed;
        }
    }

    public IReadOnlyList<SurgerySlot> Day(DateOnly day)
    {
        lock (_gate)
        {
            return GetOrCreateDay(day).ToArray();
        }
    }

    public int TotalBookings
    {
        get
        {
            lock (_gate)
            {
                return _totalBookings;
            }
        }
    }

    private List<SurgerySlot> GetOrCreateDay(DateOnly day)
    {
        if (!_byDay.TryGetValue(day, out var diary))
        {
            diary = new List<SurgerySlot>();
            _byDay[day] = diary;
        }
        return diary;
    }

    private static bool Overlaps(List<SurgerySlot> diary, TimeOnly start, TimeSpan length)
    {
        var end = start.Add(length);
        foreach (var existing in diary)
        {
            if (start < existing.End && existing.Start < end)
            {
                return true;
            }
        }
        return false;
    }
}
