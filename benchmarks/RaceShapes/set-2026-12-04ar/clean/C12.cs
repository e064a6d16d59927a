namespace Blind44.SheepShearing.Records;

public sealed record ShornSheep(string Shearer, string Stand, TimeSpan Time, bool SecondCuts);

/// <summary>
/// Scoring for one shearing stand. Stands run concurrently during a round, and all of them
/// compete for the show's fastest-clean-sheep trophy.
/// </summary>
public sealed class StandScorer
{
    private static readonly object s_trophyLock = new();
    private static ShornSheep? s_trophyHolder;
    private static int s_sheepShornAtShow;

    private readonly object _standLock = new();
    private readonly List<ShornSheep> _tally = new();

    public StandScorer(string stand) => Stand = stand;

    public string Stand { get; }

    public static ShornSheep? TrophyHolder
    {
        get { lock (s_trophyLock) return s_trophyHolder; }
    }

    public static int SheepShornAtShow => Volatile.Read(ref s_sheepShornAtShow);

    public void Score(ShornSheep sheep)
    {
        lock (_standLock)
            _tally.Add(sheep);

        Interlocked.Increment(ref s_sheepShornAtShow);

        if (sheep.SecondCuts)
            return;

        lock (s_trophyLock)
        {
            if (s_trophyHolder is null || sheep.Time < s_trophyHolder.Time)
                s_trophyHolder = sheep;
        }
    }

    public (int Count, TimeSpan Average) Summary()
    {
        lock (_standLock)
        {
            if (_tally.Count == 0)
                return (0, TimeSpan.Zero);
            return (_tally.Count, TimeSpan.FromTicks((long)_tally.Average(s => s.Time.Ticks)));
        }
    }

    public static void ResetShow()
    {
        lock (s_trophyLock)
            s_trophyHolder = null;
        Interlocked.Exchange(ref s_sheepShornAtShow, 0);
    }
}

/// <summary>Runs a round on every stand at once.</summary>
public static class ShearingRound
{
    public static async Task<string> RunAsync(IReadOnlyList<StandScorer> stands,
        Func<string, IAsyncEnumerable<ShornSheep>> judges, CancellationToken ct)
    {
        await Parallel.ForEachAsync(stands, ct, async (stand, token) =>
        {
            await foreach (var sheep in judges(stand.Stand).WithCancellation(token))
                stand.Score(sheep);
        });

        var holder = StandScorer.TrophyHolder;
        return holder is null
            ? $"{StandScorer.SheepShornAtShow} sheep, no clean fleece"
            : $"{StandScorer.SheepShornAtShow} sheep; fastest clean: {holder.Shearer} ({holder.Time.TotalSeconds:F1}s)";
    }
}
