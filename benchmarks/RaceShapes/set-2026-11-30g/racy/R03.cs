namespace Fabrikam.Jobs;

public sealed class RecurringJob
{
    public RecurringJob(string name, TimeSpan interval, Action<CancellationToken> body)
    {
        Name = name;
        Interval = interval;
        Body = body;
    }

    public string Name { get; }
    public TimeSpan Interval { get; }
    public Action<CancellationToken> Body { get; }
    public DateTimeOffset NextRunUtc { get; set; }
}

public readonly record struct JobRun(string JobName, DateTimeOffset StartedUtc, TimeSpan Duration, bool Succeeded);

/// <summary>
/// Polls the registered jobs once per tick and runs every job that is due,
/// using all available cores for the due set.
/// </summary>
public sealed class RecurringJobRunner
{
    private const int MaxHistory = 500;

    private readonly IReadOnlyList<RecurringJob> _jobs;
    private readonly TimeSpan _pollInterval;
    private readonly List<JobRun> _recentRuns = new();

    public RecurringJobRunner(IEnumerable<RecurringJob> jobs, TimeSpan pollInterval)
    {
        _jobs = jobs.ToList();
        _pollInterval = pollInterval;
    }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_pollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = DateTimeOffset.UtcNow;
            var due = _jobs.Where(j => j.NextRunUtc <= now).ToList();
            if (due.Count == 0)
                continue;

            var options = new ParallelOptions
            {
                CancellationToken = stoppingToken,
                MaxDegreeOfParallelism = Environment.ProcessorCount
            };

            Parallel.ForEach(due, options, job => Execute(job, stoppingToken));

            if (_recentRuns.Count > MaxHistory)
                _recentRuns.RemoveRange(0, _recentRuns.Count - MaxHistory);

            var failed = _recentRuns.Skip(_recentRuns.Count - due.Count).Count(r => !r.Succeeded);
            Console.WriteLine($"Tick at {now:u}: ran {due.Count} job(s), {failed} failed.");
        }
    }

    private void Execute(RecurringJob job, CancellationToken token)
    {
        var started = DateTimeOffset.UtcNow;
        var succeeded = true;
        try
        {
            job.Body(token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            succeeded = false;
            Console.Error.WriteLine($"Job '{job.Name}' failed: {ex.Message}");
        }

        job.NextRunUtc = started + job.Interval;
        _recentRuns.Add(new JobRun(job.Name, started, DateTimeOffset.UtcNow - started, succeeded));
    }
}
