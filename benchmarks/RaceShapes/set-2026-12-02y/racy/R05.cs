namespace Nursery.Bonsai.Watering;

public sealed record WateringTask(string TreeId, string Bench, DateTime DueAt, int Millilitres);

/// <summary>
/// Schedule of pending watering tasks for the nursery benches. Shared by the
/// greenhouse sensor handlers (which add tasks when soil moisture drops) and the
/// irrigation workers (which take the tasks that are due).
/// </summary>
public sealed class WateringSchedule
{
    private readonly PriorityQueue<WateringTask, DateTime> _due = new();
    private readonly HashSet<string> _scheduledTrees = new();
    private readonly object _scheduleLock = new();
    private readonly object _dispatchLock = new();
    private int _dispatched;

    public int Dispatched => Volatile.Read(ref _dispatched);

    public bool Schedule(WateringTask task)
    {
        lock (_scheduleLock)
        {
            if (!_scheduledTrees.Add(task.TreeId))
            {
                return false;
            }
            _due.Enqueue(task, task.DueAt);
            return true;
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_scheduleLock)
            {
                return _due.Count;
            }
        }
    }

    /// <summary>Removes and returns every task due at or before <paramref name="now"/>.</summary>
    public List<WateringTask> TakeDue(DateTime now)
    {
        var result = new List<WateringTask>();
        lock (_dispatchLock)
        {
            while (_due.TryPeek(out var next, out var dueAt) && dueAt <= now)
            {
                _due.Dequeue();
                result.Add(next);
            }
        }

        if (result.Count > 0)
        {
            lock (_scheduleLock)
            {
                foreach (var t in result)
                {
                    _scheduledTrees.Remove(t.TreeId);
                }
            }
            Interlocked.Add(ref _dispatched, result.Count);
        }
        return result;
    }
}

public sealed class IrrigationWorker
{
    private readonly WateringSchedule _schedule;
    private readonly Action<WateringTask> _openValve;

    public IrrigationWorker(WateringSchedule schedule, Action<WateringTask> openValve)
    {
        _schedule = schedule;
        _openValve = openValve;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            foreach (var task in _schedule.TakeDue(DateTime.UtcNow))
            {
                _openValve(task);
            }
        }
    }
}
