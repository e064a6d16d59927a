using System.Collections.Concurrent;

namespace Blind30.ShearingShed;

public sealed record Fleece(string Tag, double WeightKg, int MicronGrade);

public sealed record ShearingRun(string Shearer, DateOnly Day, IReadOnlyList<Fleece> Fleeces);

public sealed record ShedSummary(double TotalFleeceKg, IReadOnlyDictionary<string, int> RunsPerShearer);

/// <summary>
/// Builds the end-of-season tally for the shearing shed from all recorded runs.
/// </summary>
public sealed class TallyBoard
{
    private readonly double _minimumFleeceKg;

    public TallyBoard(double minimumFleeceKg)
    {
        _minimumFleeceKg = minimumFleeceKg;
    }

    public ShedSummary Summarise(IReadOnlyList<ShearingRun> runs)
    {
        var runsPerShearer = new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        double totalKg = 0;

        Parallel.ForEach(
            runs,
            () => 0.0,
            (run, _, subtotal) =>
            {
                runsPerShearer.AddOrUpdate(run.Shearer, 1, (_, n) => n + 1);
                foreach (var fleece in run.Fleeces)
                {
                    if (fleece.WeightKg >= _minimumFleeceKg)
                    {
                        subtotal += fleece.WeightKg;
                    }
                }

                return subtotal;
            },
            subtotal => totalKg += subtotal);

        return new ShedSummary(totalKg, new Dictionary<string, int>(runsPerShearer));
    }

    /// <summary>Fleeces per shearer per day, for the tally-board printout.</summary>
    public static IEnumerable<string> DailyLines(IEnumerable<ShearingRun> runs) =>
        runs.GroupBy(r => (r.Shearer, r.Day))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Shearer)
            .Select(g => $"{g.Key.Day:yyyy-MM-dd} {g.Key.Shearer,-12} {g.Sum(r => r.Fleeces.Count),4}");
}
