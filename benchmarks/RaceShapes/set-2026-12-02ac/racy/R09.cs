using Microsoft.Extensions.Hosting;

namespace Blind29.IceRink.Sessions;

public sealed record SkateSession(string Name, DateTimeOffset Start, DateTimeOffset End, int Capacity);

/// <summary>
/// Public skating timetable for the rink. Registered as a singleton; the website's
/// timetable endpoint calls <see cref="Upcoming"/> on every request.
/// </summary>
public sealed class RinkTimetable
{
    private readonly object _sync = new();
    private readonly List<SkateSession> _sessions = new();

    public void Add(SkateSession session)
    {
        lock (_sync)
        {
            _sessions.Add(session);
            _sessions.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
    }

    public int RemoveFinished(DateTimeOffset now)
    {
        lock (_sync)
        {
            return _sessions.RemoveAll(s => s.End <= now);
        }
    }

    public IReadOnlyList<SkateSession> Upcoming(int count)
    {
        return _sessions.Take(count).ToList();
    }
}

/// <summary>Drops finished sessions and schedules the next day's ice resurfacing slots.</summary>
public sealed class TimetableRotationService : BackgroundService
{
    private readonly RinkTimetable _timetable;

    public TimetableRotationService(RinkTimetable timetable) => _timetable = timetable;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = DateTimeOffset.UtcNow;
            var removed = _timetable.RemoveFinished(now);
            if (removed > 0 && now.Hour == 23)
            {
                var tomorrow = new DateTimeOffset(now.Date.AddDays(1), TimeSpan.Zero);
                _timetable.Add(new SkateSession("Early public", tomorrow.AddHours(7), tomorrow.AddHours(9), 180));
                _timetable.Add(new SkateSession("Family", tomorrow.AddHours(13), tomorrow.AddHours(15), 220));
            }
        }
    }
}
