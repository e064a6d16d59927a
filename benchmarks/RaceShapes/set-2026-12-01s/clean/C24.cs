namespace CiderPress.Recipes;

public sealed record AppleVariety(string Name, double SugarBrix, double AcidityGramsPerLitre, double TanninIndex);

public sealed class VarietyCatalog
{
    private readonly Dictionary<string, AppleVariety> _byName;

    public VarietyCatalog(IEnumerable<AppleVariety> varieties)
    {
        _byName = varieties.ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);
    }

    public AppleVariety? Find(string name) => _byName.TryGetValue(name, out var v) ? v : null;

    public int Count => _byName.Count;
}

/// <summary>
/// Lazily loads the apple variety catalogue used to plan press batches. Static and
/// shared by the press-planning screens and the batch label printer service.
/// </summary>
public static class VarietyCatalogCache
{
    private static readonly object LoadLock = new();
    private static volatile VarietyCatalog? _catalog;

    private static readonly Func<IEnumerable<AppleVariety>> Loader = DefaultVarieties;

    public static VarietyCatalog Catalog
    {
        get
        {
            var catalog = _catalog;
            if (catalog is not null)
                return catalog;

            lock (LoadLock)
            {
                catalog = _catalog;
                if (catalog is null)
                {
                    catalog = new VarietyCatalog(Loader());
                    _catalog = catalog;
                }
                return catalog;
            }
        }
    }

    public static double EstimateAbv(IReadOnlyDictionary<string, double> blendKg)
    {
        double totalKg = blendKg.Values.Sum();
        if (totalKg <= 0)
            return 0;

        double brix = 0;
        foreach (var (name, kg) in blendKg)
        {
            var variety = Catalog.Find(name) ?? throw new KeyNotFoundException(name);
            brix += variety.SugarBrix * kg / totalKg;
        }

        // Rough rule of thumb for a full dry ferment.
        return Math.Round(brix * 0.59, 1);
    }

    private static IEnumerable<AppleVariety> DefaultVarieties() => new[]
    {
        new AppleVariety("Dabinett", 13.5, 2.0, 2.6),
        new AppleVariety("Kingston Black", 14.0, 5.8, 2.0),
        new AppleVariety("Yarlington Mill", 12.5, 2.3, 3.1),
        new AppleVariety("Bramley", 10.5, 9.0, 0.8),
    };
}
