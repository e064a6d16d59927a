namespace Blind55.Clean.C21;

public sealed record Fabric(string Code, string Mill, string Weave, int GramsPerMetre, decimal PricePerMetre);

/// <summary>
/// Fabric swatch catalogue for the tailored suit fitting app. The table is parsed once, on
/// first use, and then only read by the fitting screens and the quote endpoint.
/// </summary>
public static class FabricCatalogue
{
    private const string Source = """
        code,mill,weave,gsm,price
        VBC-110,Vitale Barberis,twill,260,48.00
        HOL-220,Holland & Sherry,herringbone,310,72.50
        DRP-330,Dormeuil,plain,240,95.00
        SCA-440,Scabal,sharkskin,280,66.00
        """;

    private static readonly Lazy<IReadOnlyDictionary<string, Fabric>> ByCode = new(Parse);

    public static Fabric? Find(string code) => ByCode.Value.TryGetValue(code, out var f) ? f : null;

    public static IEnumerable<Fabric> All => ByCode.Value.Values;

    private static IReadOnlyDictionary<string, Fabric> Parse()
    {
        var table = new Dictionary<string, Fabric>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Source.Split('\n').Skip(1))
        {
            var p = line.Trim().Split(',');
            if (p.Length == 5)
            {
                table[p[0]] = new Fabric(p[0], p[1], p[2], int.Parse(p[3]), decimal.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return table;
    }
}

/// <summary>Per-fitter quote calculator, created lazily the first time a fitter opens a quote.</summary>
public sealed class SuitQuoteCalculator
{
    private Dictionary<string, decimal>? _makingCharges;

    public decimal Quote(string fabricCode, double metres, string construction)
    {
        var charges = LazyInitializer.EnsureInitialized(ref _makingCharges, () => new Dictionary<string, decimal>
        {
            ["fused"] = 350m,
            ["half-canvas"] = 600m,
            ["full-canvas"] = 950m,
        });

        var fabric = FabricCatalogue.Find(fabricCode) ?? throw new ArgumentException($"Unknown fabric {fabricCode}");
        var making = charges.TryGetValue(construction, out var m) ? m : charges["half-canvas"];
        return decimal.Round(fabric.PricePerMetre * (decimal)metres + making, 2);
    }

    public async Task<decimal[]> QuoteOptionsAsync(string fabricCode, double metres)
    {
        var options = new[] { "fused", "half-canvas", "full-canvas" };
        return await Task.WhenAll(options.Select(o => Task.Run(() => Quote(fabricCode, metres, o))));
    }
}
