namespace SkiJumpJudging.Scoring;

public sealed record JumpRecord(string Bib, string Nation, double DistanceMetres, double[] StyleMarks,
    double GateFactor, double WindFactor);

public sealed record JumpScore(string Bib, string Nation, double Points);

/// <summary>
/// Scores a competition round. Each jump is scored independently, so scoring runs as a
/// parallel query over the round.
/// </summary>
public sealed class RoundScorer
{
    private readonly double _kPoint;
    private readonly double _metreValue;

    public RoundScorer(double kPoint, double metreValue)
    {
        _kPoint = kPoint;
        _metreValue = metreValue;
    }

    public JumpScore Score(JumpRecord jump)
    {
        double distancePoints = 60 + (jump.DistanceMetres - _kPoint) * _metreValue;

        // Highest and lowest of the five style marks are discarded.
        var marks = jump.StyleMarks.OrderBy(m => m).ToArray();
        double stylePoints = marks.Skip(1).Take(marks.Length - 2).Sum();

        double total = distancePoints + stylePoints + jump.GateFactor + jump.WindFactor;
        return new JumpScore(jump.Bib, jump.Nation, Math.Round(total, 1));
    }

    public IReadOnlyList<JumpScore> ScoreRound(IEnumerable<JumpRecord> jumps, CancellationToken ct) =>
        jumps.AsParallel()
            .WithCancellation(ct)
            .Select(Score)
            .OrderByDescending(s => s.Points)
            .ToList();

    public IReadOnlyDictionary<string, double> NationTotals(IEnumerable<JumpRecord> jumps) =>
        jumps.AsParallel()
            .Select(Score)
            .GroupBy(s => s.Nation)
            .ToDictionary(g => g.Key, g => Math.Round(g.Sum(s => s.Points), 1));

    public double AverageStyle(IReadOnlyList<JumpRecord> jumps) =>
        jumps.AsParallel().Aggregate(
            () => (Sum: 0.0, Count: 0),
            (acc, j) => (acc.Sum + j.StyleMarks.Average(), acc.Count + 1),
            (a, b) => (a.Sum + b.Sum, a.Count + b.Count),
            acc => acc.Count == 0 ? 0 : acc.Sum / acc.Count);
}

/// <summary>Produces the results sheet shown to the jury.</summary>
public static class JuryResults
{
    public static IEnumerable<string> Sheet(RoundScorer scorer, IReadOnlyList<JumpRecord> jumps)
    {
        var ranked = scorer.ScoreRound(jumps, CancellationToken.None);
        int rank = 1;
        foreach (var s in ranked)
        {
            yield return $"{rank++,2}. {s.Bib,-4} {s.Nation} {s.Points,6:F1}";
        }
        foreach (var (nation, total) in scorer.NationTotals(jumps).OrderByDescending(kv => kv.Value))
        {
            yield return $"    {nation}: {total:F1}";
        }
    }
}
