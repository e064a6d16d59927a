namespace Blind26.CheeseCave.Affinage;

public sealed record WheelRecord(string WheelId, string Make, DateOnly Made, int Turns, DateOnly? LastTurned, int TargetDays)
{
    public DateOnly ReadyOn => Made.AddDays(TargetDays);
}

/// <summary>
/// Catalogue of wheels aging in the cave. Read constantly by the cellar tablets and the
/// shop's stock page; written when wheels are added or turned.
/// </summary>
public sealed class WheelAgingCatalog : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, WheelRecord> _wheels = new(StringComparer.Ordinal);

    public void Add(WheelRecord wheel)
    {
        _lock.EnterWriteLock();
        try
        {
            _wheels.Add(wheel.WheelId, wheel);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public WheelRecord? Find(string wheelId)
    {
        _lock.EnterReadLock();
        try
        {
            return _wheels.TryGetValue(wheelId, out var w) ? w : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<WheelRecord> ReadyBy(DateOnly date)
    {
        _lock.EnterReadLock();
        try
        {
            return _wheels.Values.Where(w => w.ReadyOn <= date).OrderBy(w => w.ReadyOn).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Records a turn unless the wheel was already turned today.</summary>
    public bool Turn(string wheelId, DateOnly today)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_wheels.TryGetValue(wheelId, out var wheel) || wheel.LastTurned == today)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _wheels[wheelId] = wheel with { Turns = wheel.Turns + 1, LastTurned = today };
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return true;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public IReadOnlyList<string> NeedingTurn(DateOnly today, int everyDays)
    {
        _lock.EnterReadLock();
        try
        {
            return _wheels.Values
                .Where(w => w.LastTurned is null || w.LastTurned.Value.AddDays(everyDays) <= today)
                .Select(w => w.WheelId)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
