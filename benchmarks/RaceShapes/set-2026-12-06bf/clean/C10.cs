using Microsoft.Extensions.Hosting;

namespace Blind58.MorrisRehearsals;

public sealed record ReminderJob(string Name, int[] Minutes, DayOfWeek[] Days, Func<CancellationToken, Task> Send);

/// <summary>
/// Sends rehearsal and dance-out reminders to the morris side. The committee can reload
/// the schedule from the admin page at any time; the loop picks up the new schedule on its
/// next tick.
/// </summary>
public sealed class RehearsalReminderScheduler : BackgroundService
{
    private ReminderJob[] _jobs;
    private int _reloads;

    public RehearsalReminderScheduler(IEnumerable<ReminderJob> jobs)
    {
        _jobs = jobs.ToArray();
    }

    public int Reloads => Volatile.Read(ref _reloads);

    public void Reload(IEnumerable<ReminderJob> jobs)
    {
        var fresh = jobs.ToArray();
        Volatile.Write(ref _jobs, fresh);
        Interlocked.Increment(ref _reloads);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Last minute each job fired in; owned by this loop alone.
        var lastFired = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));

        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = DateTime.Now;
            var minute = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Kind);
            var jobs = Volatile.Read(ref _jobs);

            foreach (var job in jobs)
            {
                if (!job.Days.Contains(now.DayOfWeek) || !job.Minutes.Contains(now.Minute))
                {
                    continue;
                }

                if (lastFired.TryGetValue(job.Name, out var last) && last == minute)
                {
                    continue;
                }

                lastFired[job.Name] = minute;
                await SendSafelyAsync(job, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task SendSafelyAsync(ReminderJob job, CancellationToken cancellationToken)
    {
        try
        {
            await job.Send(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"Reminder '{job.Name}' failed: {ex.Message}");
        }
    }
}

/// <summary>Admin page action that replaces the reminder schedule.</summary>
public sealed class ScheduleAdminController
{
    private readonly RehearsalReminderScheduler _scheduler;

    public ScheduleAdminController(RehearsalReminderScheduler scheduler) => _scheduler = scheduler;

    public int Save(IReadOnlyList<(string Name, string Minutes, DayOfWeek Day)> rows, Func<string, CancellationToken, Task> notify)
    {
        var jobs = rows.Select(r => new ReminderJob(
            r.Name,
            r.Minutes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray(),
            new[] { r.Day },
            ct => notify(r.Name, ct))).ToList();

        _scheduler.Reload(jobs);
        return jobs.Count;
    }
}
