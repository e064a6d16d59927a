using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Blind52.SheepShearing.Judging;

public sealed record ShearingRun(int CompetitorNumber, string Name, TimeSpan Elapsed, int SecondCuts, int FleeceWeightGrams);

public sealed record PenaltyNote(int CompetitorNumber, string Reason, double Points);

public sealed record ContestSummary(ShearingRun? Fastest, IReadOnlyList<PenaltyNote> Penalties, int RunsJudged);

/// <summary>
/// Scores a heat of a shearing contest. Judging each run involves checking the
/// fleece photos, which is slow, so runs are judged in parallel.
/// </summary>
public static class HeatJudge
{
    public static ContestSummary Score(IReadOnlyList<ShearingRun> runs)
    {
        var penalties = new List<PenaltyNote>();
        var penaltyLock = new object();
        ShearingRun? fastest = null;
        int judged = 0;

        Parallel.ForEach(runs, run =>
        {
            var notes = Judge(run);
            if (notes.Count > 0)
            {
                lock (penaltyLock)
                {
                    penalties.AddRange(notes);
                }
            }

            if (fastest is null || run.Elapsed < fastest.Elapsed)
            {
                fastest = run;
            }

            System.Threading.Interlocked.Increment(ref judged);
        });

        var ordered = penalties.OrderBy(p => p.CompetitorNumber).ToList();
        return new ContestSummary(fastest, ordered, judged);
    }

    private static List<PenaltyNote> Judge(ShearingRun run)
    {
        var notes = new List<PenaltyNote>();
        if (run.SecondCuts > 0)
        {
            notes.Add(new PenaltyNote(run.CompetitorNumber, "Second cuts", run.SecondCuts * 0.5));
        }

        if (run.FleeceWeightGrams < 1500)
        {
            notes.Add(new PenaltyNote(run.CompetitorNumber, "Fleece left on sheep", 2));
        }

        if (run.Elapsed > TimeSpan.FromMinutes(2))
        {
            notes.Add(new PenaltyNote(run.CompetitorNumber, "Over time", (run.Elapsed - TimeSpan.FromMinutes(2)).TotalSeconds / 10));
        }

        return notes;
    }
}

/// <summary>
/// Formats the heat result for the announcer's screen.
/// </summary>
public static class HeatAnnouncer
{
    public static string Announce(ContestSummary summary)
    {
        if (summary.Fastest is null)
        {
            return "No runs judged.";
        }

        var worst = summary.Penalties
            .GroupBy(p => p.CompetitorNumber)
            .Select(g => (Competitor: g.Key, Points: g.Sum(p => p.Points)))
            .OrderByDescending(x => x.Points)
            .FirstOrDefault();

        return $"Fastest: {summary.Fastest.Name} in {summary.Fastest.Elapsed:m\\:ss}. " +
               $"{summary.RunsJudged} runs judged; most penalties: #{worst.Competitor} ({worst.Points:F1}).";
    }
}
