namespace Cronos.Scheduling;

public sealed class ScheduledJob
{
    public required string Name { get; init; }
    public required TimeSpan Interval { get; init; }
    public required Func<CancellationToken, Task> Body { get; init; }
}

/// <summary>
/// Runs all due jobs once per tick. Jobs are independent so a tick fans them
/// out across the thread pool and waits for all of them before returning.
/// </summary>
public sealed class JobScheduler
{
    private readonly IReadOnlyList<ScheduledJob> _jobs;
    private readonly Dictionary<string, DateTime> _nextRunUtc = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public JobScheduler(IReadOnlyList<ScheduledJob> jobs, TimeProvider clock)
    {
        _jobs = jobs;
        _clock = clock;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var job in jobs)
        {
            _nextRunUtc[job.Name] = now;
        }
    }

    public async Task TickAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var due = _jobs.Where(j => _nextRunUtc[j.Name] <= now).ToList();

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (job, token) =>
            {
                try
                {
                    await job.Body(token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Console.Error.WriteLine($"[{job.Name}] failed: {ex.Message}");
                }

                Reschedule(job);
            }).ConfigureAwait(false);
    }

    public DateTime GetNextRun(string jobName) => _nextRunUtc[jobName];

    private void Reschedule(ScheduledJob job)
    {
        var finishedAt = _clock.GetUtcNow().UtcDateTime;
        _nextRunUtc[job.Name] = finishedAt + job.Interval;
    }
}

public static class SchedulerLoop
{
    public static async Task RunAsync(JobScheduler scheduler, TimeSpan tick, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(tick);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            await scheduler.TickAsync(ct).ConfigureAwait(false);
        }
    }
}
