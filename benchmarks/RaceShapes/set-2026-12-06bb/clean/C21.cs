using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind54.ZooFeeding.Schedule;

/// <summary>A recurring feeding round, e.g. "penguins, every day at 10:30 and 15:00".</summary>
public sealed class FeedingJob
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private DateTime _lastRunUtc = DateTime.MinValue;
    private int _runs;

    public FeedingJob(string enclosure, IReadOnlyList<TimeOnly> times, Func<CancellationToken, Task> notifyKeepers)
    {
        Enclosure = enclosure;
        Times = times;
        NotifyKeepers = notifyKeepers;
    }

    public string Enclosure { get; }
    public IReadOnlyList<TimeOnly> Times { get; }
    private Func<CancellationToken, Task> NotifyKeepers { get; }

    /// <summary>Runs the job if a slot is due and the job is not already running.</summary>
    public async Task<bool> TryRunAsync(DateTime nowUtc, CancellationToken ct)
    {
        if (!await _running.WaitAsync(0, ct))
        {
            return false;
        }

        try
        {
            var due = Times.Any(t =>
            {
                var slot = nowUtc.Date + t.ToTimeSpan();
                return slot <= nowUtc && slot > _lastRunUtc;
            });
            if (!due)
            {
                return false;
            }

            await NotifyKeepers(ct);
            _lastRunUtc = nowUtc;
            _runs++;
            return true;
        }
        finally
        {
            _running.Release();
        }
    }

    public async Task<(DateTime LastRunUtc, int Runs)> StatusAsync(CancellationToken ct)
    {
        await _running.WaitAsync(ct);
        try
        {
            return (_lastRunUtc, _runs);
        }
        finally
        {
            _running.Release();
        }
    }
}

/// <summary>Checks every feeding job once a minute and starts those that are due.</summary>
public sealed class FeedingScheduler : BackgroundService
{
    private readonly IReadOnlyList<FeedingJob> _jobs;
    private readonly ILogger<FeedingScheduler> _logger;

    public FeedingScheduler(IEnumerable<FeedingJob> jobs, ILogger<FeedingScheduler> logger)
    {
        _jobs = jobs.ToList();
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = DateTime.UtcNow;
            var results = await Task.WhenAll(_jobs.Select(job => job.TryRunAsync(now, stoppingToken)));
            var started = results.Count(r => r);
            if (started > 0)
            {
                _logger.LogInformation("Started {Count} feeding rounds at {Time}", started, now);
            }
        }
    }
}
