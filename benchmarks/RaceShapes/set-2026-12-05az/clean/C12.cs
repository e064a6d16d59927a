using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Blind52.SheepShearing.Finals;

public sealed record ShearingRun(int CompetitorNumber, string Name, TimeSpan Elapsed, int SecondCuts, int FleeceWeightGrams);

public sealed record PenaltyNote(int CompetitorNumber, string Reason, double Points);

public sealed record FinalSummary(ShearingRun? Fastest, IReadOnlyList<PenaltyNote> Penalties, int RunsJudged);

/// <summary>
/// Scores the final of the open shearing championship. Each run's fleece and
/// board inspection is judged in parallel.
/// </summary>
public static class FinalJudge
{
    public static FinalSummary Score(IReadOnlyList<ShearingRun> runs)
    {
        var penalties = new ConcurrentBag<PenaltyNote>();
        var combineLock = new object();
        ShearingRun? fastest = null;
        int judged = 0;

        Parallel.ForEach(
            runs,
            () => (Best: (ShearingRun?)null, Count: 0),
            (run, _, local) =>
            {
                foreach (var note in Judge(run))
                {
                    penalties.Add(note);
                }

                var best = local.Best is null || run.Elapsed < local.Best.Elapsed ? run : local.Best;
                return (best, local.Count + 1);
            },
            local =>
            {
                lock (combineLock)
                {
                    judged += local.Count;
                    if (local.Best is not null && (fastest is null || local.Best.Elapsed < fastest.Elapsed))
                    {
                        fastest = local.Best;
                    }
                }
            });

        var ordered = penalties.OrderBy(p => p.CompetitorNumber).ThenBy(p => p.Reason).ToList();
        return new FinalSummary(fastest, ordered, judged);
    }

    private static IEnumerable<PenaltyNote> Judge(ShearingRun run)
    {
        if (run.SecondCuts > 0)
        {
            yield return new PenaltyNote(run.CompetitorNumber, "Second cuts", run.SecondCuts * 0.5);
        }

        if (run.FleeceWeightGrams < 1500)
        {
            yield return new PenaltyNote(run.CompetitorNumber, "Fleece left on sheep", 2);
        }

        if (run.Elapsed > TimeSpan.FromMinutes(2))
        {
            yield return new PenaltyNote(run.CompetitorNumber, "Over time", (run.Elapsed - TimeSpan.FromMinutes(2)).TotalSeconds / 10);
        }
    }
}

/// <summary>
/// Formats the final result for the scoreboard.
/// </summary>
public static class FinalScoreboard
{
    public static IEnumerable<string> Lines(FinalSummary summary)
    {
        yield return summary.Fastest is null
            ? "No runs judged"
            : $"Fastest shear: {summary.Fastest.Name} ({summary.Fastest.Elapsed:m\\:ss})";

        foreach (var group in summary.Penalties.GroupBy(p => p.CompetitorNumber))
        {
            yield return $"#{group.Key}: {group.Sum(p => p.Points):F1} penalty points";
        }
    }
}
