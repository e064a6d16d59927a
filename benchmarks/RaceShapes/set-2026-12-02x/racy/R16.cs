namespace Blind24.IceRink;

public sealed record ResurfacingJob(string Rink, DateTimeOffset Due, string Reason);

/// <summary>
/// Queue of ice resurfacing jobs for all rinks in the arena. Session managers on
/// the booking API add jobs; the shift display reads the pending list. One
/// instance is shared by the whole application.
/// </summary>
public sealed class ResurfacingSchedule
{
    private readonly object _gate = new();
    private readonly List<ResurfacingJob> _pending = new();

    public void Schedule(ResurfacingJob job)
    {
        lock (_gate)
        {
            int index = _pending.FindIndex(j => j.Due > job.Due);
            if (index < 0)
            {
                _pending.Add(job);
            }
            else
            {
                _pending.Insert(index, job);
            }
        }
    }

    public bool Complete(string rink)
    {
        lock (_gate)
        {
            int index = _pending.FindIndex(j => j.Rink == rink);
            if (index < 0)
            {
                return false;
            }

            _pending.RemoveAt(index);
            return true;
        }
    }

    public IReadOnlyList<ResurfacingJob> Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }
}

/// <summary>Refreshes the driver's shift display every ten seconds.</summary>
public sealed class ShiftDisplayRefresher : IDisposable
{
    private readonly ResurfacingSchedule _schedule;
    private readonly Action<string> _render;
    private readonly System.Threading.Timer _timer;

    public ShiftDisplayRefresher(ResurfacingSchedule schedule, Action<string> render)
    {
        _schedule = schedule;
        _render = render;
        _timer = new System.Threading.Timer(_ => Refresh(), null, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    private void Refresh()
    {
        var lines = new List<string>();
        foreach (var job in _schedule.Pending)
        {
            lines.Add($"{job.Due:HH:mm} {job.Rink,-10} {job.Reason}");
        }

        _render(lines.Count == 0 ? "No resurfacing scheduled" : string.Join(Environment.NewLine, lines));
    }

    public void Dispose() => _timer.Dispose();
}
