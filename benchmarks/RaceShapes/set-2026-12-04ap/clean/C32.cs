using System.Collections.Frozen;

namespace Blind42.FountainPens.Parts;

public sealed record PenPart(string PartNumber, string Maker, string Description, decimal Price, int StockOnHand);

/// <summary>
/// Catalogue of replacement nibs, sacs and feeds. Loaded lazily from the parts file on first
/// use and then shared, read-only, by every repair ticket handler in the process.
/// </summary>
public sealed class PenPartsCatalogue
{
    private static readonly Lazy<PenPartsCatalogue> s_default = new(
        () => Load(Environment.GetEnvironmentVariable("PEN_PARTS_FILE") ?? "parts.csv"),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, PenPart> _byPartNumber;
    private readonly FrozenDictionary<string, PenPart[]> _byMaker;

    private PenPartsCatalogue(IEnumerable<PenPart> parts)
    {
        var list = parts.ToList();
        _byPartNumber = list.ToFrozenDictionary(p => p.PartNumber, StringComparer.OrdinalIgnoreCase);
        _byMaker = list
            .GroupBy(p => p.Maker, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public static PenPartsCatalogue Default => s_default.Value;

    public PenPart? Find(string partNumber) =>
        _byPartNumber.TryGetValue(partNumber, out var part) ? part : null;

    public IReadOnlyList<PenPart> ForMaker(string maker) =>
        _byMaker.TryGetValue(maker, out var parts) ? parts.ToArray() : Array.Empty<PenPart>();

    private static PenPartsCatalogue Load(string path)
    {
        var parts = File.ReadLines(path)
            .Skip(1)
            .Select(line => line.Split(';'))
            .Where(f => f.Length == 5)
            .Select(f => new PenPart(
                f[0],
                f[1],
                f[2],
                decimal.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture)));
        return new PenPartsCatalogue(parts);
    }
}

/// <summary>Estimates a repair from the parts it needs.</summary>
public sealed class RepairEstimator
{
    private static readonly Lazy<decimal> s_hourlyRate = new(() =>
        decimal.TryParse(Environment.GetEnvironmentVariable("PEN_REPAIR_HOURLY_RATE"), out var rate) ? rate : 42m);

    public decimal Estimate(IEnumerable<string> partNumbers, double benchHours)
    {
        var catalogue = PenPartsCatalogue.Default;
        var parts = partNumbers.Sum(p => catalogue.Find(p)?.Price ?? 0m);
        return parts + (decimal)benchHours * s_hourlyRate.Value;
    }

    public Task<decimal[]> EstimateManyAsync(IEnumerable<(string[] Parts, double Hours)> tickets) =>
        Task.WhenAll(tickets.Select(t => Task.Run(() => Estimate(t.Parts, t.Hours))));
}
