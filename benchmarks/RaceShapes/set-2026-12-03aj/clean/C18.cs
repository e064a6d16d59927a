namespace Blind36.SheepShearing.Results;

public sealed record ShearRun(string Shearer, string Heat, int Sheep, TimeSpan Time, int SecondCuts, int Nicks);

public sealed record ShearerScore(string Shearer, double Points, int Sheep, double AvgSeconds);

/// <summary>
/// Computes the championship points table from every run recorded at the show.
/// </summary>
public static class ChampionshipTable
{
    private const double TimeWeight = 0.05;
    private const double SecondCutPenalty = 2.0;
    private const double NickPenalty = 5.0;

    public static IReadOnlyList<ShearerScore> Compute(IEnumerable<ShearRun> runs)
    {
        return runs
            .AsParallel()
            .Where(r => r.Sheep > 0)
            .GroupBy(r => r.Shearer, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                int sheep = g.Sum(r => r.Sheep);
                double seconds = g.Sum(r => r.Time.TotalSeconds);
                double penalties = g.Sum(r => r.SecondCuts * SecondCutPenalty + r.Nicks * NickPenalty);
                double avg = seconds / sheep;
                double points = Math.Round(sheep * 10 - avg * TimeWeight * sheep / 10 - penalties, 2);
                return new ShearerScore(g.Key, points, sheep, Math.Round(avg, 1));
            })
            .OrderByDescending(s => s.Points)
            .ThenBy(s => s.Shearer, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyDictionary<string, int> SheepPerHeat(IEnumerable<ShearRun> runs) =>
        runs.AsParallel()
            .GroupBy(r => r.Heat)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Sheep));

    public static double FastestSheepSeconds(IEnumerable<ShearRun> runs) =>
        runs.AsParallel()
            .Where(r => r.Sheep > 0)
            .Select(r => r.Time.TotalSeconds / r.Sheep)
            .DefaultIfEmpty(double.NaN)
            .Min();

    public static int TotalNicks(IEnumerable<ShearRun> runs) =>
        runs.AsParallel().Aggregate(
            seed: 0,
            updateAccumulatorFunc: (acc, r) => acc + r.Nicks,
            combineAccumulatorsFunc: (a, b) => a + b,
            resultSelector: total => total);
}
