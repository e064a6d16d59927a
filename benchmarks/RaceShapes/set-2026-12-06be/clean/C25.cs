namespace Blind57.BoulderingGym.Grades;

public sealed record Ascent(string MemberId, string ProblemId, int Grade, bool Flashed, DateOnly Day);

/// <summary>
/// Season statistics for the bouldering gym's league: grade histogram across all logged ascents
/// and a simulated "expected points" figure for each member.
/// </summary>
public static class LeagueStatistics
{
    public const int GradeCount = 18; // V0..V17

    private static readonly ThreadLocal<Random> Rng = new(() => new Random(Environment.CurrentManagedThreadId * 7919 + Environment.TickCount));

    public static int[] GradeHistogram(IReadOnlyList<Ascent> ascents)
    {
        var totals = new int[GradeCount];
        var merge = new object();

        Parallel.ForEach(
            ascents,
            () => new int[GradeCount],
            (ascent, _, local) =>
            {
                if (ascent.Grade >= 0 && ascent.Grade < GradeCount)
                {
                    local[ascent.Grade]++;
                }
                return local;
            },
            local =>
            {
                lock (merge)
                {
                    for (int g = 0; g < GradeCount; g++)
                    {
                        totals[g] += local[g];
                    }
                }
            });

        return totals;
    }

    /// <summary>Monte-Carlo estimate of each member's league points for the rest of the season.</summary>
    public static IReadOnlyDictionary<string, double> ExpectedPoints(
        IReadOnlyDictionary<string, IReadOnlyList<Ascent>> byMember, int rounds)
    {
        var members = byMember.Keys.ToArray();
        var results = new double[members.Length];

        Parallel.For(0, members.Length, i =>
        {
            var history = byMember[members[i]];
            double flashRate = history.Count == 0 ? 0 : history.Count(a => a.Flashed) / (double)history.Count;
            double meanGrade = history.Count == 0 ? 0 : history.Average(a => a.Grade);
            var rng = Rng.Value!;

            double total = 0;
            for (int r = 0; r < rounds; r++)
            {
                double grade = Math.Max(0, meanGrade + (rng.NextDouble() - 0.5) * 2);
                total += grade * 10 + (rng.NextDouble() < flashRate ? 5 : 0);
            }
            results[i] = total / Math.Max(1, rounds);
        });

        return members.Select((m, i) => (m, results[i])).ToDictionary(x => x.m, x => x.Item2);
    }
}
