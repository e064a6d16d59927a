namespace Blind2.C04;

public sealed record MaintenanceTask(string Name, TimeSpan Interval, Action Run);

/// <summary>
/// Runs housekeeping tasks (temp cleanup, cache compaction, ...) on a timer.
/// A tick that starts while the previous one is still busy is skipped.
/// </summary>
public sealed class MaintenanceScheduler : IDisposable
{
    private readonly MaintenanceTask[] _tasks;
    private readonly Dictionary<string, DateTime> _lastRunUtc = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private int _busy;
    private long _skippedTicks;

    public MaintenanceScheduler(IEnumerable<MaintenanceTask> tasks, TimeSpan pollInterval)
    {
        _tasks = tasks.ToArray();
        _timer = new Timer(OnTick, null, pollInterval, pollInterval);
    }

    public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

    private void OnTick(object? state)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skippedTicks);
            return;
        }

        try
        {
            var now = DateTime.UtcNow;
            foreach (var task in _tasks)
            {
                if (_lastRunUtc.TryGetValue(task.Name, out var last) && now - last < task.Interval)
                    continue;

                RunOne(task);
                _lastRunUtc[task.Name] = now;
            }
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private static void RunOne(MaintenanceTask task)
    {
        try
        {
            task.Run();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Maintenance task '{task.Name}' failed: {ex}");
        }
    }

    public void Dispose() => _timer.Dispose();
}
