namespace Blind32.QuiltingBee.Fabric;

public sealed record FabricPiece(string Quilter, string Colour, double WidthCm, double HeightCm, bool Scrap);

public sealed record ColourUsage(string Colour, double AreaCm2, int Pieces, IReadOnlyList<string> Quilters);

/// <summary>
/// Works out how much of each colour the quilting bee has cut for the
/// current quilt, over the whole fabric inventory (which can run to many
/// thousands of pieces after a big bee).
/// </summary>
public sealed class FabricInventoryReport
{
    private readonly int _degreeOfParallelism;

    public FabricInventoryReport(int degreeOfParallelism) => _degreeOfParallelism = degreeOfParallelism;

    public IReadOnlyList<ColourUsage> ByColour(IEnumerable<FabricPiece> pieces, CancellationToken ct)
    {
        return pieces
            .AsParallel()
            .WithDegreeOfParallelism(_degreeOfParallelism)
            .WithCancellation(ct)
            .Where(p => !p.Scrap)
            .GroupBy(p => p.Colour, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ColourUsage(
                g.Key,
                g.Sum(p => p.WidthCm * p.HeightCm),
                g.Count(),
                g.Select(p => p.Quilter).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(q => q).ToList()))
            .OrderByDescending(u => u.AreaCm2)
            .ToList();
    }

    public double TotalAreaM2(IEnumerable<FabricPiece> pieces) =>
        pieces.AsParallel()
            .Aggregate(
                seed: 0.0,
                updateAccumulatorFunc: (acc, p) => acc + p.WidthCm * p.HeightCm,
                combineAccumulatorsFunc: (a, b) => a + b,
                resultSelector: total => total / 10_000.0);

    public IReadOnlyDictionary<string, int> PiecesPerQuilter(IEnumerable<FabricPiece> pieces) =>
        pieces.AsParallel()
            .GroupBy(p => p.Quilter)
            .ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>Prints a short summary for the bee's newsletter.</summary>
public static class NewsletterBlurb
{
    public static string Compose(FabricInventoryReport report, IReadOnlyList<FabricPiece> pieces)
    {
        var usage = report.ByColour(pieces, CancellationToken.None);
        var area = report.TotalAreaM2(pieces);
        var top = usage.FirstOrDefault();
        return top is null
            ? "No fabric cut yet."
            : $"{area:F1} m² cut so far; most used colour is {top.Colour} ({top.Pieces} pieces).";
    }
}
