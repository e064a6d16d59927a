namespace Blind63.PaperMill.Pulp;

public sealed record PulpBatch(string BatchId, string Furnish, double DryTonnes, double Freeness, double BrightnessIso, bool OffSpec);

public sealed record PulpSummary(double DryTonnes, double MeanFreeness, double MeanBrightness, IReadOnlyDictionary<string, double> TonnesByFurnish);

/// <summary>
/// Summarises a week of pulp batches for the stock-prep supervisor.
/// </summary>
public static class PulpReport
{
    public static PulpSummary Summarise(IReadOnlyList<PulpBatch> batches)
    {
        var usable = batches.AsParallel().Where(b => !b.OffSpec);

        var totals = usable.Aggregate(
            () => (Tonnes: 0.0, FreenessWeighted: 0.0, BrightnessWeighted: 0.0),
            (acc, b) => (acc.Tonnes + b.DryTonnes,
                         acc.FreenessWeighted + b.Freeness * b.DryTonnes,
                         acc.BrightnessWeighted + b.BrightnessIso * b.DryTonnes),
            (a, b) => (a.Tonnes + b.Tonnes, a.FreenessWeighted + b.FreenessWeighted, a.BrightnessWeighted + b.BrightnessWeighted),
            acc => acc);

        var byFurnish = usable
            .GroupBy(b => b.Furnish)
            .ToDictionary(g => g.Key, g => Math.Round(g.Sum(b => b.DryTonnes), 2));

        double tonnes = totals.Tonnes;
        return new PulpSummary(
            Math.Round(tonnes, 2),
            tonnes == 0 ? 0 : Math.Round(totals.FreenessWeighted / tonnes, 1),
            tonnes == 0 ? 0 : Math.Round(totals.BrightnessWeighted / tonnes, 1),
            byFurnish);
    }

    public static IReadOnlyList<string> OffSpecIds(IEnumerable<PulpBatch> batches) =>
        batches.AsParallel().AsOrdered().Where(b => b.OffSpec).Select(b => b.BatchId).ToArray();
}

public static class PulpReportCli
{
    public static int Run(string path)
    {
        var batches = File.ReadLines(path)
            .Skip(1)
            .Select(l => l.Split(','))
            .Select(f => new PulpBatch(f[0], f[1], double.Parse(f[2]), double.Parse(f[3]), double.Parse(f[4]), f[5] == "Y"))
            .ToList();

        var summary = PulpReport.Summarise(batches);
        Console.WriteLine($"Dry tonnes {summary.DryTonnes}, CSF {summary.MeanFreeness}, ISO {summary.MeanBrightness}");
        foreach (var kv in summary.TonnesByFurnish.OrderByDescending(kv => kv.Value))
        {
            Console.WriteLine($"  {kv.Key,-12} {kv.Value,8:F2} t");
        }
        Console.WriteLine($"Off-spec: {string.Join(", ", PulpReport.OffSpecIds(batches))}");
        return 0;
    }
}
