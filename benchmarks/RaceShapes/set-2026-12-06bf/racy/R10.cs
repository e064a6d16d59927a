using Microsoft.Extensions.Hosting;

namespace Blind58.WellDressingJobs;

public sealed record JobDefinition(string Name, string Cron, Func<CancellationToken, Task> Run);

/// <summary>Minute-field cron trigger: supports "*", "*/n" and comma-separated minutes.</summary>
public sealed class MinuteTrigger
{
    private readonly HashSet<int> _minutes = new();

    public MinuteTrigger(string expression)
    {
        string minuteField = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        if (minuteField == "*")
        {
            for (int m = 0; m < 60; m++) _minutes.Add(m);
        }
        else if (minuteField.StartsWith("*/", StringComparison.Ordinal))
        {
            int step = int.Parse(minuteField.AsSpan(2));
            for (int m = 0; m < 60; m += step) _minutes.Add(m);
        }
        else
        {
            foreach (var part in minuteField.Split(',')) _minutes.Add(int.Parse(part));
        }
    }

    public bool Matches(DateTimeOffset time) => _minutes.Contains(time.Minute);
}

public sealed class ScheduledJob
{
    public ScheduledJob(JobDefinition definition)
    {
        Definition = definition;
        Trigger = new MinuteTrigger(definition.Cron);
    }

    public JobDefinition Definition { get; }
    public MinuteTrigger Trigger { get; }
    public DateTimeOffset LastFiredMinute { get; set; }
}

/// <summary>
/// Runs the festival's housekeeping jobs (photo uploads of the dressed wells, judging
/// reminders, footfall exports). The job list is reloaded whenever the organisers edit
/// the schedule file; the file watcher invokes <see cref="Reload"/>.
/// </summary>
public sealed class FestivalJobScheduler : BackgroundService
{
    private readonly List<ScheduledJob> _jobs = new();

    public FestivalJobScheduler(IEnumerable<JobDefinition> initial)
    {
        Reload(initial);
    }

    public void Reload(IEnumerable<JobDefinition> definitions)
    {
        var parsed = definitions.Select(d => new ScheduledJob(d)).ToList();
        _jobs.Clear();
        _jobs.AddRange(parsed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = DateTimeOffset.Now;
            var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset);
            foreach (var job in _jobs)
            {
                if (job.LastFiredMinute != minute && job.Trigger.Matches(now))
                {
                    job.LastFiredMinute = minute;
                    _ = RunSafelyAsync(job, stoppingToken);
                }
            }
        }
    }

    private static async Task RunSafelyAsync(ScheduledJob job, CancellationToken cancellationToken)
    {
        try
        {
            await job.Definition.Run(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"Job {job.Definition.Name} failed: {ex.Message}");
        }
    }
}

/// <summary>Watches the schedule file and pushes changes into the scheduler.</summary>
public sealed class ScheduleFileWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;

    public ScheduleFileWatcher(string path, FestivalJobScheduler scheduler, Func<string, IEnumerable<JobDefinition>> parse)
    {
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path));
        _watcher.Changed += (_, e) => scheduler.Reload(parse(e.FullPath));
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose() => _watcher.Dispose();
}
