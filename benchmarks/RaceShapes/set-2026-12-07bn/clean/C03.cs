using Microsoft.Extensions.Logging;

namespace Blind66.ClockTower.Ringing;

public interface IBellRinger
{
    void RingChange(string method, int changes);
}

/// <summary>
/// Rings the practice peal at each configured time of day. The timer is one-shot and is
/// re-armed from its own callback for the next ringing time.
/// </summary>
public sealed class PracticePealTimer : IDisposable
{
    private readonly object _gate = new();
    private readonly IBellRinger _ringer;
    private readonly TimeProvider _clock;
    private readonly ILogger<PracticePealTimer> _logger;
    private readonly IReadOnlyList<TimeOnly> _times;
    private readonly Timer _timer;
    private DateTimeOffset _nextPeal;
    private int _pealsRung;
    private bool _disposed;

    public PracticePealTimer(IBellRinger ringer, TimeProvider clock, ILogger<PracticePealTimer> logger, IEnumerable<TimeOnly> times)
    {
        _ringer = ringer;
        _clock = clock;
        _logger = logger;
        _times = times.OrderBy(t => t).ToArray();
        if (_times.Count == 0)
        {
            throw new ArgumentException("At least one ringing time is required.", nameof(times));
        }

        _timer = new Timer(OnFire, null, Timeout.Infinite, Timeout.Infinite);
    }

    public DateTimeOffset NextPeal
    {
        get { lock (_gate) return _nextPeal; }
    }

    public int PealsRung
    {
        get { lock (_gate) return _pealsRung; }
    }

    public void Start()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(PracticePealTimer));
            }

            ArmLocked();
        }
    }

    private void OnFire(object? state)
    {
        try
        {
            _ringer.RingChange("Plain Bob Doubles", 120);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Practice peal failed");
        }

        lock (_gate)
        {
            _pealsRung++;
            if (!_disposed)
            {
                ArmLocked();
            }
        }
    }

    private void ArmLocked()
    {
        var now = _clock.GetLocalNow();
        var today = DateOnly.FromDateTime(now.DateTime);
        var next = _times
            .Select(t => new DateTimeOffset(today.ToDateTime(t), now.Offset))
            .FirstOrDefault(candidate => candidate > now, new DateTimeOffset(today.AddDays(1).ToDateTime(_times[0]), now.Offset));

        _nextPeal = next;
        _timer.Change(next - now, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
        }
    }
}
