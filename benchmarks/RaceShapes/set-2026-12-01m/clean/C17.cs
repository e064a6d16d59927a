namespace Sports.TrainingPlans;

public sealed record Workout(int Week, DayOfWeek Day, string Type, TimeSpan Duration, string Intensity);

/// <summary>
/// In-memory store of athletes' training plans. Coaches edit plans while the athlete app
/// reads them; all members may be called concurrently.
/// </summary>
public sealed class TrainingPlanRepository : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, List<Workout>> _plans = new(StringComparer.Ordinal);

    public IReadOnlyList<Workout> GetWeek(string athleteId, int week)
    {
        _lock.EnterReadLock();
        try
        {
            return _plans.TryGetValue(athleteId, out var plan)
                ? plan.Where(w => w.Week == week).OrderBy(w => w.Day).ToList()
                : Array.Empty<Workout>();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public TimeSpan WeeklyVolume(string athleteId, int week)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_plans.TryGetValue(athleteId, out var plan))
            {
                return TimeSpan.Zero;
            }

            return plan.Where(w => w.Week == week).Aggregate(TimeSpan.Zero, (sum, w) => sum + w.Duration);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void ReplacePlan(string athleteId, IEnumerable<Workout> workouts)
    {
        var copy = workouts.ToList();
        _lock.EnterWriteLock();
        try
        {
            _plans[athleteId] = copy;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void AddWorkout(string athleteId, Workout workout)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_plans.TryGetValue(athleteId, out var plan))
            {
                plan = new List<Workout>();
                _plans[athleteId] = plan;
            }

            plan.Add(workout);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
