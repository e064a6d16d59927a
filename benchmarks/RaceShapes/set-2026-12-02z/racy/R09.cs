namespace Blind26.Observatory.Dome;

public sealed record DomeSlot(string Telescope, int AzimuthStart, int AzimuthEnd, TimeOnly From, TimeOnly To);

public interface IDomeSlotSource
{
    IEnumerable<DomeSlot> ReadSlots();
}

/// <summary>
/// Looks up the dome rotation slot assigned to each telescope for tonight.
/// The scheduler service is a singleton; the observation request handlers and the
/// dome motor controller both query it.
/// </summary>
public sealed class DomeSlotDirectory
{
    private readonly IDomeSlotSource _source;
    private readonly object _loadLock = new();
    private readonly Dictionary<string, DomeSlot> _slots = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool _loaded;

    public DomeSlotDirectory(IDomeSlotSource source)
    {
        _source = source;
    }

    private void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        lock (_loadLock)
        {
            if (_loaded)
            {
                return;
            }

            _loaded = true;
            foreach (var slot in _source.ReadSlots())
            {
                _slots[slot.Telescope] = slot;
            }
        }
    }

    public DomeSlot? Find(string telescope)
    {
        EnsureLoaded();
        return _slots.TryGetValue(telescope, out var slot) ? slot : null;
    }

    public bool CanOpenShutter(string telescope, TimeOnly now, int azimuth)
    {
        var slot = Find(telescope);
        if (slot is null)
        {
            return false;
        }

        bool inTime = slot.From <= now && now < slot.To;
        bool inArc = slot.AzimuthStart <= slot.AzimuthEnd
            ? azimuth >= slot.AzimuthStart && azimuth <= slot.AzimuthEnd
            : azimuth >= slot.AzimuthStart || azimuth <= slot.AzimuthEnd;
        return inTime && inArc;
    }
}

/// <summary>Motor side: polls where the dome should face.</summary>
public sealed class DomeMotorCoordinator
{
    private readonly DomeSlotDirectory _directory;

    public DomeMotorCoordinator(DomeSlotDirectory directory) => _directory = directory;

    public int? TargetAzimuth(string activeTelescope)
    {
        var slot = _directory.Find(activeTelescope);
        if (slot is null)
        {
            return null;
        }

        int span = (slot.AzimuthEnd - slot.AzimuthStart + 360) % 360;
        return (slot.AzimuthStart + span / 2) % 360;
    }
}
