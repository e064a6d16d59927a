namespace Blind10.Scheduling.Recurring;

public sealed class ScheduledJob
{
    public ScheduledJob(string name, TimeSpan interval, Func<CancellationToken, Task> work)
    {
        Name = name;
        Interval = interval;
        Work = work;
    }

    public string Name { get; }
    public TimeSpan Interval { get; }
    public Func<CancellationToken, Task> Work { get; }
    public DateTime NextRunUtc { get; set; }
}

/// <summary>
/// Runs registered jobs at fixed intervals. A one-second timer checks which jobs are due
/// and runs them one after another.
/// </summary>
public sealed class RecurringJobScheduler : IDisposable
{
    private readonly object _jobsLock = new();
    private readonly List<ScheduledJob> _jobs = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Action<string, Exception> _onError;
    private readonly Timer _timer;
    private bool _tickRunning;

    public RecurringJobScheduler(Action<string, Exception> onError)
    {
        _onError = onError;
        _timer = new Timer(OnTick, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Schedule(string name, TimeSpan interval, Func<CancellationToken, Task> work)
    {
        var job = new ScheduledJob(name, interval, work) { NextRunUtc = DateTime.UtcNow + interval };
        lock (_jobsLock)
        {
            _jobs.Add(job);
        }
    }

    public bool Unschedule(string name)
    {
        lock (_jobsLock)
        {
            return _jobs.RemoveAll(j => j.Name == name) > 0;
        }
    }

    private async void OnTick(object? state)
    {
        if (_tickRunning)
        {
            return;
        }

        _tickRunning = true;
        try
        {
            var now = DateTime.UtcNow;
            List<ScheduledJob> due;
            lock (_jobsLock)
            {
                due = _jobs.Where(j => j.NextRunUtc <= now).ToList();
                foreach (var job in due)
                {
                    job.NextRunUtc = now + job.Interval;
                }
            }

            foreach (var job in due)
            {
                try
                {
                    await job.Work(_shutdown.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!_shutdown.IsCancellationRequested)
                {
                    _onError(job.Name, ex);
                }
            }
        }
        finally
        {
            _tickRunning = false;
        }
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _timer.Dispose();
    }
}
