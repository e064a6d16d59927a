namespace Blind24.Regatta;

public sealed class FinishEventArgs : EventArgs
{
    public FinishEventArgs(int lane, string crew, TimeSpan rawTime)
    {
        Lane = lane;
        Crew = crew;
        RawTime = rawTime;
    }

    public int Lane { get; }
    public string Crew { get; }
    public TimeSpan RawTime { get; }
}

public sealed record LaneResult(int Lane, string Crew, TimeSpan Time);

public interface ITimingCorrections
{
    Task<TimeSpan> AdjustAsync(int lane, TimeSpan rawTime);
}

/// <summary>
/// Watches the finish line. Each lane camera is polled on its own task and the
/// <see cref="FinishRecorded"/> event is raised from that task when a bow ball crosses.
/// </summary>
public sealed class FinishLineCameras
{
    public event EventHandler<FinishEventArgs>? FinishRecorded;

    public Task WatchAsync(IReadOnlyDictionary<int, string> crewsByLane, Func<int, CancellationToken, Task<TimeSpan>> waitForCrossing, CancellationToken ct)
    {
        var watchers = crewsByLane.Select(kv => Task.Run(async () =>
        {
            var raw = await waitForCrossing(kv.Key, ct).ConfigureAwait(false);
            FinishRecorded?.Invoke(this, new FinishEventArgs(kv.Key, kv.Value, raw));
        }, ct));

        return Task.WhenAll(watchers);
    }
}

/// <summary>Builds the result sheet for one heat.</summary>
public sealed class HeatResultSheet
{
    private readonly ITimingCorrections _corrections;
    private readonly List<LaneResult> _results = new();

    public HeatResultSheet(string heatName, FinishLineCameras cameras, ITimingCorrections corrections)
    {
        HeatName = heatName;
        _corrections = corrections;
        cameras.FinishRecorded += OnFinishRecorded;
    }

    public string HeatName { get; }

    private async void OnFinishRecorded(object? sender, FinishEventArgs e)
    {
        var adjusted = await _corrections.AdjustAsync(e.Lane, e.RawTime).ConfigureAwait(false);
        _results.Add(new LaneResult(e.Lane, e.Crew, adjusted));
    }

    public IReadOnlyList<LaneResult> Standings()
    {
        return _results.OrderBy(r => r.Time).ToList();
    }
}
