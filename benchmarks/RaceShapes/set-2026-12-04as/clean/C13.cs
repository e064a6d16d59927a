namespace Blind45.SandSculpture.Judging;

public sealed record JudgeScore(string JudgeId, int Creativity, int Technique, int Theme);

public sealed record Entry(string EntryId, string Team, string Title, IReadOnlyList<JudgeScore> Scores, bool StructuralCollapse);

public sealed record RankedEntry(string EntryId, string Team, double Score, bool Disputed);

public sealed record JudgingOutcome(IReadOnlyList<RankedEntry> Ranking, IReadOnlyList<string> DisputedEntries);

/// <summary>
/// Computes the festival's final ranking. Scores are trimmed (highest and lowest judge
/// removed) and an entry is marked disputed when judges disagree by more than four points.
/// </summary>
public sealed class FestivalRanking
{
    private const int DisputeSpread = 4;

    public JudgingOutcome Rank(IReadOnlyList<Entry> entries, CancellationToken ct)
    {
        var ranked = entries
            .AsParallel()
            .WithCancellation(ct)
            .Where(e => !e.StructuralCollapse && e.Scores.Count >= 3)
            .Select(Score)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Team, StringComparer.Ordinal)
            .ToList();

        var disputed = ranked.Where(r => r.Disputed).Select(r => r.EntryId).ToList();
        return new JudgingOutcome(ranked, disputed);
    }

    private static RankedEntry Score(Entry entry)
    {
        var totals = entry.Scores
            .Select(s => s.Creativity * 0.4 + s.Technique * 0.4 + s.Theme * 0.2)
            .OrderBy(t => t)
            .ToArray();

        var trimmed = totals.Skip(1).Take(totals.Length - 2).ToArray();
        var spread = totals[^1] - totals[0];
        return new RankedEntry(entry.EntryId, entry.Team, Math.Round(trimmed.Average(), 2), spread > DisputeSpread);
    }

    public static IReadOnlyDictionary<string, int> MedalsByTeam(JudgingOutcome outcome) =>
        outcome.Ranking
            .Take(3)
            .GroupBy(r => r.Team)
            .ToDictionary(g => g.Key, g => g.Count());
}
