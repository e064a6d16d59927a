namespace Velodrome.Timing;

public readonly record struct LoopCrossing(int Rider, int Loop, long Ticks);

public sealed record LapTime(int Rider, int Lap, TimeSpan Time);

/// <summary>
/// Timing session for one heat. Configure the finish loop and lap count, start
/// it with the loop decoder feed, then ask for the lap results.
/// </summary>
public sealed class HeatTimingSession
{
    private readonly List<LoopCrossing> _crossings = new();
    private readonly Dictionary<int, List<TimeSpan>> _laps = new();
    private int _finishLoop;
    private int _lapsInRace;
    private Task? _worker;

    public void Configure(int finishLoop, int lapsInRace)
    {
        if (_worker is not null) throw new InvalidOperationException("Session already started.");
        _finishLoop = finishLoop;
        _lapsInRace = lapsInRace;
    }

    public void Start(IAsyncEnumerable<LoopCrossing> decoder, CancellationToken ct)
    {
        if (_worker is not null) throw new InvalidOperationException("Session already started.");
        _worker = Task.Run(async () =>
        {
            var lastFinish = new Dictionary<int, long>();
            await foreach (var c in decoder.WithCancellation(ct).ConfigureAwait(false))
            {
                _crossings.Add(c);
                if (c.Loop != _finishLoop) continue;

                if (lastFinish.TryGetValue(c.Rider, out var prev))
                {
                    if (!_laps.TryGetValue(c.Rider, out var list))
                    {
                        _laps[c.Rider] = list = new List<TimeSpan>();
                    }
                    list.Add(TimeSpan.FromTicks(c.Ticks - prev));
                    if (list.Count == _lapsInRace) break;
                }
                lastFinish[c.Rider] = c.Ticks;
            }
        }, ct);
    }

    /// <summary>Waits for the heat to finish and returns every lap, fastest first.</summary>
    public async Task<IReadOnlyList<LapTime>> ResultsAsync()
    {
        var worker = _worker ?? throw new InvalidOperationException("Session not started.");
        await worker.ConfigureAwait(false);

        return _laps
            .SelectMany(kv => kv.Value.Select((t, i) => new LapTime(kv.Key, i + 1, t)))
            .OrderBy(l => l.Time)
            .ToList();
    }

    public async Task<int> CrossingCountAsync()
    {
        var worker = _worker ?? throw new InvalidOperationException("Session not started.");
        await worker.ConfigureAwait(false);
        return _crossings.Count;
    }
}

public static class TrackCentre
{
    public static async Task<IReadOnlyList<LapTime>> RunHeatAsync(IAsyncEnumerable<LoopCrossing> decoder, int laps, CancellationToken ct)
    {
        var session = new HeatTimingSession();
        session.Configure(finishLoop: 0, lapsInRace: laps);
        session.Start(decoder, ct);
        return await session.ResultsAsync().ConfigureAwait(false);
    }
}
