namespace Blind54.BloodBank.Inventory;

public sealed record BloodGroupStock(string Group, int Units, int ExpiringWithin48h, DateTime UpdatedUtc);

/// <summary>
/// Live stock figures for one blood group. Issue and receipt desks update the figures while
/// the hospital ordering portal reads them; all figures of a group are always reported
/// together.
/// </summary>
public sealed class BloodGroupCounter
{
    private readonly object _lock = new();
    private readonly string _group;
    private int _units;
    private int _expiringSoon;
    private DateTime _updatedUtc;

    public BloodGroupCounter(string group) => _group = group;

    public void Receive(int units, bool expiresWithin48h)
    {
        lock (_lock)
        {
            _units += units;
            if (expiresWithin48h)
            {
                _expiringSoon += units;
            }

            _updatedUtc = DateTime.UtcNow;
        }
    }

    public bool TryIssue(int units, bool fromExpiringFirst)
    {
        lock (_lock)
        {
            if (_units < units)
            {
                return false;
            }

            _units -= units;
            if (fromExpiringFirst)
            {
                _expiringSoon -= Math.Min(_expiringSoon, units);
            }
            else if (_expiringSoon > _units)
            {
                _expiringSoon = _units;
            }

            _updatedUtc = DateTime.UtcNow;
            return true;
        }
    }

    public BloodGroupStock Snapshot()
    {
        lock (_lock)
        {
            return new BloodGroupStock(_group, _units, _expiringSoon, _updatedUtc);
        }
    }
}

/// <summary>Registered as a singleton; one counter per ABO/Rh group.</summary>
public sealed class BloodStockRegistry
{
    private readonly IReadOnlyDictionary<string, BloodGroupCounter> _counters;

    public BloodStockRegistry()
    {
        _counters = new[] { "O-", "O+", "A-", "A+", "B-", "B+", "AB-", "AB+" }
            .ToDictionary(g => g, g => new BloodGroupCounter(g));
    }

    public BloodGroupCounter this[string group] => _counters[group];

    public IReadOnlyList<BloodGroupStock> All() => _counters.Values.Select(c => c.Snapshot()).ToList();
}
