namespace Blind10.Scheduling.Maintenance;

public sealed record MaintenanceTask(string Name, TimeSpan Interval, Func<CancellationToken, Task> Run);

/// <summary>
/// Runs housekeeping tasks (purging temp files, compacting tables, ...) from a periodic
/// timer.
/// </summary>
public sealed class MaintenanceScheduler : IDisposable
{
    private readonly object _tasksLock = new();
    private readonly Dictionary<string, (MaintenanceTask Task, DateTime NextRunUtc)> _tasks = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Action<string> _log;
    private readonly Timer _timer;
    private int _tickRunning;
    private long _skippedTicks;

    public MaintenanceScheduler(Action<string> log, TimeSpan tickInterval)
    {
        _log = log;
        _timer = new Timer(OnTick, null, tickInterval, tickInterval);
    }

    public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

    public void Register(MaintenanceTask task)
    {
        lock (_tasksLock)
        {
            _tasks[task.Name] = (task, DateTime.UtcNow + task.Interval);
        }
    }

    private async void OnTick(object? state)
    {
        if (Interlocked.Exchange(ref _tickRunning, 1) == 1)
        {
            Interlocked.Increment(ref _skippedTicks);
            return;
        }

        try
        {
            var now = DateTime.UtcNow;
            List<MaintenanceTask> due = new();
            lock (_tasksLock)
            {
                foreach (var (name, entry) in _tasks.ToList())
                {
                    if (entry.NextRunUtc <= now)
                    {
                        due.Add(entry.Task);
                        _tasks[name] = (entry.Task, now + entry.Task.Interval);
                    }
                }
            }

            foreach (var task in due)
            {
                try
                {
                    await task.Run(_shutdown.Token).ConfigureAwait(false);
                    _log($"{task.Name} completed");
                }
                catch (Exception ex) when (!_shutdown.IsCancellationRequested)
                {
                    _log($"{task.Name} failed: {ex.Message}");
                }
            }
        }
        finally
        {
            Volatile.Write(ref _tickRunning, 0);
        }
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _timer.Dispose();
    }
}
