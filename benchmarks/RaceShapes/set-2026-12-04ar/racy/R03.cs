namespace Blind44.SheepShearing.Contest;

public sealed record FleeceResult(string Shearer, string Stand, TimeSpan Time, int PenaltyPoints);

/// <summary>
/// One heat on one shearing stand. Judges' tablets post results to the heat as sheep come off the board.
/// Heats on different stands run at the same time.
/// </summary>
public sealed class ShearingHeat
{
    // Fastest clean fleece seen at the show, across every heat and stand.
    private static FleeceResult? s_showRecord;

    private readonly object _sync = new();
    private readonly List<FleeceResult> _results = new();

    public ShearingHeat(string stand) => Stand = stand;

    public string Stand { get; }

    public static FleeceResult? ShowRecord
    {
        get { lock (typeof(ShearingHeat)) return s_showRecord; }
    }

    public void Post(FleeceResult result)
    {
        lock (_sync)
        {
            _results.Add(result);

            if (result.PenaltyPoints == 0 &&
                (s_showRecord is null || result.Time < s_showRecord.Time))
            {
                s_showRecord = result;
            }
        }
    }

    public IReadOnlyList<FleeceResult> Standings()
    {
        lock (_sync)
        {
            return _results
                .OrderBy(r => r.Time.TotalSeconds + r.PenaltyPoints * 5)
                .ToList();
        }
    }
}

/// <summary>Runs all stands of a round in parallel, feeding results as the judges score them.</summary>
public sealed class ContestRound
{
    private readonly ShearingHeat[] _heats;

    public ContestRound(IEnumerable<string> stands) =>
        _heats = stands.Select(s => new ShearingHeat(s)).ToArray();

    public async Task RunAsync(Func<string, IAsyncEnumerable<FleeceResult>> judgeFeed, CancellationToken ct)
    {
        var work = _heats.Select(heat => Task.Run(async () =>
        {
            await foreach (var result in judgeFeed(heat.Stand).WithCancellation(ct))
                heat.Post(result);
        }, ct));

        await Task.WhenAll(work);
    }

    public string Announce()
    {
        var record = ShearingHeat.ShowRecord;
        return record is null
            ? "No clean fleece yet."
            : $"Show record: {record.Shearer} on {record.Stand} in {record.Time.TotalSeconds:F1}s";
    }
}
