namespace Blind22.Avalanche.Patrol;

public sealed record SkiTour(string Id, string Guide, string Zone, DateTimeOffset DueBack);

/// <summary>
/// Patrol hut roster of tours in the field. A tour that has not checked in by its due
/// time raises an alarm from the deadline callback.
/// </summary>
public sealed class OverdueTourWatch : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, CancellationTokenSource> _deadlines = new();
    private readonly List<SkiTour> _alarms = new();
    private readonly TimeProvider _clock;

    public OverdueTourWatch(TimeProvider clock) => _clock = clock;

    public void Depart(SkiTour tour)
    {
        var delay = tour.DueBack - _clock.GetUtcNow();
        var cts = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _clock);

        lock (_gate)
        {
            _deadlines[tour.Id] = cts;
        }

        cts.Token.Register(() =>
        {
            lock (_gate)
            {
                if (_deadlines.Remove(tour.Id))
                {
                    _alarms.Add(tour);
                }
            }
        });

        cts.CancelAfter(delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1));
    }

    public bool Return(string tourId)
    {
        CancellationTokenSource? cts;
        lock (_gate)
        {
            if (!_deadlines.Remove(tourId, out cts))
            {
                _alarms.RemoveAll(a => a.Id == tourId);
                return false;
            }
        }
        cts.Dispose();
        return true;
    }

    public IReadOnlyList<SkiTour> Alarms()
    {
        lock (_gate)
        {
            return _alarms.ToList();
        }
    }

    public void Dispose()
    {
        List<CancellationTokenSource> pending;
        lock (_gate)
        {
            pending = _deadlines.Values.ToList();
            _deadlines.Clear();
        }
        pending.ForEach(c => c.Dispose());
    }
}
