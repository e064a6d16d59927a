namespace Blind46.Bonsai.Watering;

public sealed record WateringSchedule(string TreeId, TimeSpan Interval, double LitresPerWatering, DateTime LastWateredUtc)
{
    public static WateringSchedule DefaultFor(string treeId) =>
        new(treeId, TimeSpan.FromDays(1), 0.25, DateTime.MinValue);
}

/// <summary>
/// In-memory store of watering schedules for the nursery's trees. A single
/// instance serves the irrigation controller and the staff tablet app, which
/// read schedules far more often than they change them.
/// </summary>
public sealed class WateringScheduleStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, WateringSchedule> _schedules = new(StringComparer.OrdinalIgnoreCase);

    public WateringSchedule Get(string treeId)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_schedules.TryGetValue(treeId, out var schedule))
            {
                schedule = WateringSchedule.DefaultFor(treeId);
                _schedules[treeId] = schedule;
            }

            return schedule;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void RecordWatering(string treeId, DateTime wateredUtc)
    {
        _lock.EnterWriteLock();
        try
        {
            var current = _schedules.TryGetValue(treeId, out var s) ? s : WateringSchedule.DefaultFor(treeId);
            _schedules[treeId] = current with { LastWateredUtc = wateredUtc };
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<WateringSchedule> DueBy(DateTime utc)
    {
        _lock.EnterReadLock();
        try
        {
            return _schedules.Values.Where(s => s.LastWateredUtc + s.Interval <= utc).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

public sealed class IrrigationController
{
    private readonly WateringScheduleStore _store;

    public IrrigationController(WateringScheduleStore store) => _store = store;

    public async Task RunZoneAsync(IEnumerable<string> treeIds, Func<string, double, Task> openValve, CancellationToken ct)
    {
        await Parallel.ForEachAsync(treeIds, ct, async (treeId, token) =>
        {
            var schedule = _store.Get(treeId);
            if (schedule.LastWateredUtc + schedule.Interval > DateTime.UtcNow)
                return;

            await openValve(treeId, schedule.LitresPerWatering).ConfigureAwait(false);
            _store.RecordWatering(treeId, DateTime.UtcNow);
        }).ConfigureAwait(false);
    }
}
