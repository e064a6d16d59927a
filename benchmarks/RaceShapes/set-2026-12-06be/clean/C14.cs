namespace Blind57.RowingRegatta.Results;

public struct LaneStats
{
    public int Splits;
    public double TotalSeconds;
    public double BestSeconds;

    public readonly double Average => Splits == 0 ? 0 : TotalSeconds / Splits;
}

/// <summary>
/// Split statistics for one lane at the regatta. Timing receivers record splits from their own
/// threads; the results feed and commentary screens take copies whenever they refresh.
/// </summary>
public sealed class LaneSplitTracker
{
    private readonly object _gate = new();
    private LaneStats _stats;

    public LaneSplitTracker(int lane) => Lane = lane;

    public int Lane { get; }

    public void Record(double seconds)
    {
        if (!(seconds > 0)) return;

        lock (_gate)
        {
            var s = _stats;
            s.Splits++;
            s.TotalSeconds += seconds;
            if (s.Splits == 1 || seconds < s.BestSeconds) s.BestSeconds = seconds;
            _stats = s;
        }
    }

    public LaneStats Snapshot()
    {
        lock (_gate)
        {
            return _stats;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _stats = default;
        }
    }
}

/// <summary>Publishes the running order to the bank-side screen once a second.</summary>
public sealed class RunningOrderFeed : IAsyncDisposable
{
    private readonly IReadOnlyList<LaneSplitTracker> _lanes;
    private readonly Action<string> _publish;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RunningOrderFeed(IReadOnlyList<LaneSplitTracker> lanes, Action<string> publish)
    {
        _lanes = lanes;
        _publish = publish;
        _loop = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var order = _lanes
                    .Select(l => (l.Lane, Stats: l.Snapshot()))
                    .Where(x => x.Stats.Splits > 0)
                    .OrderBy(x => x.Stats.Average)
                    .Select(x => $"Lane {x.Lane}: {x.Stats.Average:F2}s ({x.Stats.Splits})");
                _publish(string.Join(" | ", order));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
