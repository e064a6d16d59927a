namespace Blind2.R04;

public sealed class RecurringJob
{
    public RecurringJob(string name, TimeSpan interval, Action execute)
    {
        Name = name;
        Interval = interval;
        Execute = execute;
    }

    public string Name { get; }
    public TimeSpan Interval { get; }
    public Action Execute { get; }
}

/// <summary>
/// Polls a fixed list of recurring jobs and runs the ones whose interval has
/// elapsed since their last run.
/// </summary>
public sealed class RecurringJobScheduler : IDisposable
{
    private readonly IReadOnlyList<RecurringJob> _jobs;
    private readonly Dictionary<string, DateTime> _lastRunUtc = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private bool _tickInProgress;

    public RecurringJobScheduler(IEnumerable<RecurringJob> jobs, TimeSpan pollInterval)
    {
        _jobs = jobs.ToList();
        _timer = new Timer(OnTick, null, pollInterval, pollInterval);
    }

    private void OnTick(object? state)
    {
        // A slow job can make one tick outlast the poll interval; in that case
        // the next tick just gives up and waits for the following one.
        if (_tickInProgress)
            return;

        _tickInProgress = true;
        try
        {
            var now = DateTime.UtcNow;
            foreach (var job in _jobs)
            {
                if (IsDue(job, now))
                    RunJob(job, now);
            }
        }
        finally
        {
            _tickInProgress = false;
        }
    }

    private bool IsDue(RecurringJob job, DateTime now)
        => !_lastRunUtc.TryGetValue(job.Name, out var last) || now - last >= job.Interval;

    private void RunJob(RecurringJob job, DateTime now)
    {
        try
        {
            job.Execute();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Job '{job.Name}' failed: {ex.Message}");
        }

        _lastRunUtc[job.Name] = now;
    }

    public void Dispose() => _timer.Dispose();
}
