namespace Blind63.PaperMill.Reels;

public sealed record ReelMeasurement(string ReelId, int Machine, double WidthM, double LengthM, double GramsPerSquareMetre, bool Rejected);

public sealed class ShiftSummary
{
    public double TotalTonnes { get; set; }
    public int ReelCount { get; set; }
    public int RejectedReels { get; set; }
    public Dictionary<int, double> TonnesByMachine { get; } = new();
}

/// <summary>
/// Builds the end-of-shift production summary from the reel scanner export.
/// The export can hold tens of thousands of reels, so it is processed in parallel.
/// </summary>
public sealed class ShiftReportBuilder
{
    private double _totalTonnes;

    public ShiftSummary Build(IReadOnlyList<ReelMeasurement> reels)
    {
        _totalTonnes = 0;

        var good = reels.AsParallel().Where(r => !r.Rejected);

        good.ForAll(r =>
        {
            double tonnes = r.WidthM * r.LengthM * r.GramsPerSquareMetre / 1_000_000.0;
            _totalTonnes += tonnes;
        });

        var byMachine = good
            .GroupBy(r => r.Machine)
            .Select(g => (Machine: g.Key, Tonnes: g.Sum(r => r.WidthM * r.LengthM * r.GramsPerSquareMetre / 1_000_000.0)))
            .ToList();

        var summary = new ShiftSummary
        {
            TotalTonnes = Math.Round(_totalTonnes, 3),
            ReelCount = reels.Count,
            RejectedReels = reels.Count(r => r.Rejected)
        };

        foreach (var (machine, tonnes) in byMachine)
        {
            summary.TonnesByMachine[machine] = Math.Round(tonnes, 3);
        }

        return summary;
    }
}

public static class ShiftReportCli
{
    public static int Main(string[] args)
    {
        var reels = File.ReadLines(args[0])
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new ReelMeasurement(f[0], int.Parse(f[1]), double.Parse(f[2]), double.Parse(f[3]), double.Parse(f[4]), f[5] == "1"))
            .ToList();

        var summary = new ShiftReportBuilder().Build(reels);
        Console.WriteLine($"Reels: {summary.ReelCount}, rejected: {summary.RejectedReels}, tonnes: {summary.TotalTonnes}");
        foreach (var (machine, tonnes) in summary.TonnesByMachine.OrderBy(kv => kv.Key))
        {
            Console.WriteLine($"  PM{machine}: {tonnes} t");
        }
        return 0;
    }
}
