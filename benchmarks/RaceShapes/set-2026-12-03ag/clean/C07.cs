namespace CaveSurvey.Closure;

public sealed record ShotReading(string From, string To, double Length, double Compass, double Clino, string Team);

public sealed record ClosureReport(double TotalLength, double TotalVertical, IReadOnlyDictionary<string, int> ShotsPerTeam, IReadOnlyList<string> Rejected);

/// <summary>
/// Totals a survey trip's shots across all teams for the loop-closure report.
/// Each partition of the parallel loop accumulates into its own tally, which is
/// merged once at the end of that partition.
/// </summary>
public static class ClosureCalculator
{
    private sealed class Tally
    {
        public double Length;
        public double Vertical;
        public readonly Dictionary<string, int> PerTeam = new(StringComparer.OrdinalIgnoreCase);
        public readonly List<string> Rejected = new();
    }

    public static ClosureReport Compute(IEnumerable<ShotReading> shots, int maxParallelism = 4)
    {
        double totalLength = 0;
        double totalVertical = 0;
        var perTeam = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var rejected = new List<string>();
        var mergeLock = new object();

        Parallel.ForEach(
            shots,
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism },
            () => new Tally(),
            (shot, _, tally) =>
            {
                if (shot.Length <= 0 || Math.Abs(shot.Clino) > 90)
                {
                    tally.Rejected.Add($"{shot.From}->{shot.To} ({shot.Team})");
                    return tally;
                }

                tally.Length += shot.Length;
                tally.Vertical += shot.Length * Math.Sin(shot.Clino * Math.PI / 180);
                tally.PerTeam[shot.Team] = tally.PerTeam.GetValueOrDefault(shot.Team) + 1;
                return tally;
            },
            tally =>
            {
                lock (mergeLock)
                {
                    totalLength += tally.Length;
                    totalVertical += tally.Vertical;
                    foreach (var (team, count) in tally.PerTeam)
                    {
                        perTeam[team] = perTeam.GetValueOrDefault(team) + count;
                    }
                    rejected.AddRange(tally.Rejected);
                }
            });

        return new ClosureReport(totalLength, totalVertical, perTeam, rejected);
    }
}
