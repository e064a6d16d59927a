namespace Fabrikam.Jobs.Polling;

public sealed class ScheduledTask
{
    public ScheduledTask(string name, TimeSpan interval, Action work)
    {
        Name = name;
        Interval = interval;
        Work = work;
    }

    public string Name { get; }
    public TimeSpan Interval { get; }
    public Action Work { get; }
    public DateTime NextDueUtc { get; set; }
    public int FailureCount { get; set; }
}

/// <summary>
/// Checks the schedule on a fixed timer. Ticks that arrive while a previous tick
/// is still running are skipped.
/// </summary>
public sealed class TimerJobScheduler : IDisposable
{
    private readonly List<ScheduledTask> _tasks;
    private readonly Timer _timer;
    private int _tickRunning;
    private long _skippedTicks;

    public TimerJobScheduler(IEnumerable<ScheduledTask> tasks, TimeSpan period)
    {
        _tasks = tasks.ToList();
        _timer = new Timer(OnTick, null, period, period);
    }

    public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

    private void OnTick(object? state)
    {
        if (Interlocked.CompareExchange(ref _tickRunning, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skippedTicks);
            return;
        }

        try
        {
            var now = DateTime.UtcNow;
            foreach (var task in _tasks)
            {
                if (task.NextDueUtc > now)
                    continue;

                try
                {
                    task.Work();
                    task.FailureCount = 0;
                }
                catch (Exception ex)
                {
                    task.FailureCount++;
                    Console.Error.WriteLine($"{task.Name} failed ({task.FailureCount}x): {ex.Message}");
                }

                task.NextDueUtc = DateTime.UtcNow + task.Interval;
            }
        }
        finally
        {
            Volatile.Write(ref _tickRunning, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
