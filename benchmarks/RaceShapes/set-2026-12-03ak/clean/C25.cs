using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind37.HeritageRailway.Jobs;

/// <summary>A recurring job with a simple "every N minutes past the hour" trigger.</summary>
public sealed class RailwayJob
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private long _lastCompletedTicks;
    private int _runs;

    public RailwayJob(string name, int[] minutesPastHour, Func<CancellationToken, Task> work)
    {
        Name = name;
        MinutesPastHour = minutesPastHour;
        Work = work;
    }

    public string Name { get; }
    public int[] MinutesPastHour { get; }
    public Func<CancellationToken, Task> Work { get; }

    public DateTime? LastCompletedUtc
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastCompletedTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    public int Runs => Volatile.Read(ref _runs);

    public bool IsDue(DateTime nowUtc) => Array.IndexOf(MinutesPastHour, nowUtc.Minute) >= 0;

    /// <summary>Runs the job unless the previous run is still going.</summary>
    public async Task<bool> TryRunAsync(CancellationToken cancellationToken)
    {
        if (!await _running.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            await Work(cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _lastCompletedTicks, DateTime.UtcNow.Ticks);
            Interlocked.Increment(ref _runs);
            return true;
        }
        finally
        {
            _running.Release();
        }
    }
}

/// <summary>
/// Runs the heritage railway's back-office jobs (ticket reconciliation, coal stock
/// reorder, boiler-inspection reminders) on their minute-of-hour triggers. Job status
/// is shown on the volunteers' admin page.
/// </summary>
public sealed class RailwayJobScheduler : BackgroundService
{
    private readonly IReadOnlyList<RailwayJob> _jobs;
    private readonly ILogger<RailwayJobScheduler> _logger;

    public RailwayJobScheduler(IReadOnlyList<RailwayJob> jobs, ILogger<RailwayJobScheduler> logger)
    {
        _jobs = jobs;
        _logger = logger;
    }

    public IReadOnlyList<(string Name, int Runs, DateTime? LastCompletedUtc)> Status() =>
        _jobs.Select(j => (j.Name, j.Runs, j.LastCompletedUtc)).ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = DateTime.UtcNow;
            foreach (var job in _jobs.Where(j => j.IsDue(now)))
            {
                // Fire and forget; a slow job must not hold up the others' triggers.
                _ = RunJobAsync(job, stoppingToken);
            }
        }
    }

    private async Task RunJobAsync(RailwayJob job, CancellationToken stoppingToken)
    {
        try
        {
            if (!await job.TryRunAsync(stoppingToken).ConfigureAwait(false))
            {
                _logger.LogWarning("Skipped {Job}: previous run still in progress", job.Name);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Job {Job} failed", job.Name);
        }
    }
}
