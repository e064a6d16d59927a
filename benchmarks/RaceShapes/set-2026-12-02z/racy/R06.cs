namespace Blind26.Regatta.Heats;

public sealed record LaneTime(int Lane, string Crew, TimeSpan Time);

public sealed class HeatFinishedEventArgs : EventArgs
{
    public HeatFinishedEventArgs(int heat, IReadOnlyList<LaneTime> lanes)
    {
        Heat = heat;
        Lanes = lanes;
    }

    public int Heat { get; }
    public IReadOnlyList<LaneTime> Lanes { get; }
}

public interface IPhotoFinishVerifier
{
    Task<IReadOnlyList<LaneTime>> VerifyAsync(int heat, IReadOnlyList<LaneTime> provisional);
}

/// <summary>
/// Reads finish-line camera output. Each course has its own camera and the feed
/// raises <see cref="HeatFinished"/> from that camera's reader task.
/// </summary>
public sealed class FinishLineFeed
{
    public event EventHandler<HeatFinishedEventArgs>? HeatFinished;

    public Task RunAsync(IEnumerable<IAsyncEnumerable<HeatFinishedEventArgs>> courses, CancellationToken ct)
    {
        var readers = courses.Select(course => Task.Run(async () =>
        {
            await foreach (var heat in course.WithCancellation(ct))
            {
                HeatFinished?.Invoke(this, heat);
            }
        }, ct));
        return Task.WhenAll(readers);
    }
}

/// <summary>Keeps the best verified time per crew across all heats of the day.</summary>
public sealed class HeatResultsBoard
{
    private readonly IPhotoFinishVerifier _verifier;
    private readonly Dictionary<string, TimeSpan> _bestByCrew = new();

    public HeatResultsBoard(FinishLineFeed feed, IPhotoFinishVerifier verifier)
    {
        _verifier = verifier;
        feed.HeatFinished += OnHeatFinished;
    }

    private async void OnHeatFinished(object? sender, HeatFinishedEventArgs e)
    {
        IReadOnlyList<LaneTime> verified;
        try
        {
            verified = await _verifier.VerifyAsync(e.Heat, e.Lanes).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            verified = e.Lanes;
        }

        foreach (var lane in verified)
        {
            if (!_bestByCrew.TryGetValue(lane.Crew, out var best) || lane.Time < best)
            {
                _bestByCrew[lane.Crew] = lane.Time;
            }
        }
    }

    public IReadOnlyList<(string Crew, TimeSpan Best)> Standings()
    {
        var copy = new List<(string, TimeSpan)>();
        foreach (var kv in _bestByCrew)
        {
            copy.Add((kv.Key, kv.Value));
        }

        return copy.OrderBy(x => x.Item2).ToList();
    }
}
