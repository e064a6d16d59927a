namespace Blind50.Bowling.LaneStats;

public readonly record struct LaneThrow(int Lane, int Pins, DateTime ThrownUtc);

/// <summary>
/// Keeps the throws of the last few minutes for the whole alley so the front desk can see
/// which lanes are busy. Pinsetter controllers call <see cref="Record"/> as balls are thrown;
/// the desk display and the bar screens call <see cref="Summarise"/> and <see cref="Recent"/>.
/// </summary>
public sealed class AlleyActivityWindow
{
    private readonly object _gate = new();
    private readonly LinkedList<LaneThrow> _throws = new();
    private readonly TimeSpan _window;
    private readonly Func<DateTime> _clock;

    public AlleyActivityWindow(TimeSpan window, Func<DateTime>? clock = null)
    {
        _window = window;
        _clock = clock ?? (() => DateTime.UtcNow);
    }

    public void Record(LaneThrow laneThrow)
    {
        lock (_gate)
        {
            _throws.AddLast(laneThrow);
            TrimLocked(_clock());
        }
    }

    public IReadOnlyDictionary<int, (int Throws, double AveragePins)> Summarise()
    {
        LaneThrow[] copy;
        lock (_gate)
        {
            TrimLocked(_clock());
            copy = _throws.ToArray();
        }

        return copy
            .GroupBy(t => t.Lane)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Average(t => t.Pins)));
    }

    /// <summary>The throws still inside the window, newest first.</summary>
    public IReadOnlyList<LaneThrow> Recent(int max)
    {
        lock (_gate)
        {
            TrimLocked(_clock());
            var result = new List<LaneThrow>(Math.Min(max, _throws.Count));
            for (var node = _throws.Last; node != null && result.Count < max; node = node.Previous)
            {
                result.Add(node.Value);
            }

            return result;
        }
    }

    private void TrimLocked(DateTime nowUtc)
    {
        var cutoff = nowUtc - _window;
        while (_throws.First is { } first && first.Value.ThrownUtc < cutoff)
        {
            _throws.RemoveFirst();
        }
    }
}

/// <summary>Feeds pinsetter events into the activity window.</summary>
public sealed class PinsetterListener
{
    private readonly AlleyActivityWindow _window;

    public PinsetterListener(AlleyActivityWindow window) => _window = window;

    public void OnPinsetterCycle(int lane, int pinsDown) =>
        _window.Record(new LaneThrow(lane, pinsDown, DateTime.UtcNow));
}

/// <summary>Refreshes the front desk display.</summary>
public sealed class FrontDeskDisplay
{
    private readonly AlleyActivityWindow _window;

    public FrontDeskDisplay(AlleyActivityWindow window) => _window = window;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var (lane, stats) in _window.Summarise().OrderBy(p => p.Key))
            {
                Console.WriteLine($"Lane {lane,2}: {stats.Throws} throws, avg {stats.AveragePins:F1} pins");
            }
        }
    }
}
