namespace OrchidHouse.Watering;

public readonly record struct BenchSchedule(TimeSpan Interval, int MillilitresPerPot, DateTime LastWatered);

/// <summary>
/// Watering schedules per orchid bench. Read constantly by the drip controllers
/// and the greenhouse dashboard; updated by growers and by the controllers
/// after each watering. Shared by all of them.
/// </summary>
public sealed class WateringSchedules : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, BenchSchedule> _benches = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string bench, TimeSpan interval, int millilitres)
    {
        _lock.EnterWriteLock();
        try
        {
            var last = _benches.TryGetValue(bench, out var existing) ? existing.LastWatered : DateTime.MinValue;
            _benches[bench] = new BenchSchedule(interval, millilitres, last);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Marks a bench watered if it was due; returns whether it was.</summary>
    public bool TryMarkWatered(string bench, DateTime now)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_benches.TryGetValue(bench, out var schedule) || now - schedule.LastWatered < schedule.Interval)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _benches[bench] = schedule with { LastWatered = now };
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

    public IReadOnlyList<string> DueBenches(DateTime now)
    {
        _lock.EnterReadLock();
        try
        {
            return _benches
                .Where(b => now - b.Value.LastWatered >= b.Value.Interval)
                .Select(b => b.Key)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public BenchSchedule? Get(string bench)
    {
        _lock.EnterReadLock();
        try
        {
            return _benches.TryGetValue(bench, out var schedule) ? schedule : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
