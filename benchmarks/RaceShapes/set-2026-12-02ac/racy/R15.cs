namespace Blind29.CoralReef.Surveys;

public sealed record Transect(string Site, int Number, IReadOnlyList<string> PointIntercepts);

public sealed record TransectScore(string Site, int Number, double LiveCoralCover, double AlgaeCover);

/// <summary>
/// Scores point-intercept transects from a reef survey expedition. The scorer is
/// created once per expedition and its counters are shown in the upload report.
/// </summary>
public sealed class TransectScorer
{
    private static readonly HashSet<string> LiveCoralCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "HC", "HCB", "HCM", "HCE", "SC"
    };

    private static readonly HashSet<string> AlgaeCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "MA", "TA", "CA", "HA"
    };

    private int _transectsScored;

    public int TransectsScored => _transectsScored;

    public IReadOnlyList<TransectScore> ScoreAll(IEnumerable<Transect> transects)
    {
        return transects
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(t =>
            {
                var score = Score(t);
                _transectsScored++;
                return score;
            })
            .OrderBy(s => s.Site)
            .ThenBy(s => s.Number)
            .ToList();
    }

    private static TransectScore Score(Transect t)
    {
        if (t.PointIntercepts.Count == 0)
        {
            return new TransectScore(t.Site, t.Number, 0, 0);
        }

        var live = t.PointIntercepts.Count(LiveCoralCodes.Contains);
        var algae = t.PointIntercepts.Count(AlgaeCodes.Contains);
        return new TransectScore(t.Site, t.Number,
            100.0 * live / t.PointIntercepts.Count,
            100.0 * algae / t.PointIntercepts.Count);
    }
}

public static class SiteReport
{
    public static IEnumerable<(string Site, double MeanCover)> BySite(IEnumerable<TransectScore> scores) =>
        scores.GroupBy(s => s.Site).Select(g => (g.Key, g.Average(s => s.LiveCoralCover)));
}
