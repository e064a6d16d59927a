namespace Blind31.OrchardCiderPresses.Yield;

public sealed record PressRun(int RunId, string Variety, double ApplesKg, double JuiceLitres, double PressMinutes);

/// <summary>Statistics for the cider house's end-of-season report.</summary>
public static class PressRunAnalyzer
{
    public static double ComputeYield(PressRun run)
    {
        if (run.ApplesKg <= 0)
        {
            return 0;
        }

        // Litres per kilogram, lightly penalised for very long pressing times.
        double yield = run.JuiceLitres / run.ApplesKg;
        double penalty = Math.Max(0, run.PressMinutes - 45) * 0.001;
        return yield - penalty;
    }

    public static PressRun? FindBestRun(IReadOnlyList<PressRun> runs)
    {
        PressRun? best = null;
        double bestYield = double.MinValue;

        Parallel.ForEach(runs, run =>
        {
            double yield = ComputeYield(run);
            if (yield > bestYield)
            {
                bestYield = yield;
                best = run;
            }
        });

        return best;
    }

    public static IReadOnlyDictionary<string, double> AverageYieldByVariety(IEnumerable<PressRun> runs)
    {
        return runs
            .AsParallel()
            .GroupBy(r => r.Variety)
            .ToDictionary(g => g.Key, g => g.Average(ComputeYield));
    }
}

/// <summary>Builds the text of the season report.</summary>
public sealed class SeasonReport
{
    private readonly IReadOnlyList<PressRun> _runs;

    public SeasonReport(IReadOnlyList<PressRun> runs)
    {
        _runs = runs;
    }

    public string Render()
    {
        var best = PressRunAnalyzer.FindBestRun(_runs);
        var byVariety = PressRunAnalyzer.AverageYieldByVariety(_runs);

        var lines = new List<string> { $"Runs pressed: {_runs.Count}" };
        if (best != null)
        {
            lines.Add($"Best run: #{best.RunId} ({best.Variety}) at {PressRunAnalyzer.ComputeYield(best):F3} L/kg");
        }

        foreach (var (variety, average) in byVariety.OrderByDescending(kv => kv.Value))
        {
            lines.Add($"  {variety,-20} {average:F3} L/kg");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
