namespace Blind36.LanternFestival.Programme;

public sealed record LanternPattern(string Name, int Panels, string[] Colours, double PaperSquareMetres);

public sealed record LanternOrder(string Maker, string PatternName, int Quantity);

/// <summary>
/// Parses lantern pattern definitions. Patterns are expensive to load from the
/// archive so they are cached for the lifetime of the process.
/// </summary>
public static class PatternLibrary
{
    private static readonly Dictionary<string, LanternPattern> s_cache = new(StringComparer.OrdinalIgnoreCase);

    public static LanternPattern Get(string name)
    {
        if (s_cache.TryGetValue(name, out var cached))
            return cached;

        var pattern = LoadFromArchive(name);
        s_cache[name] = pattern;
        return pattern;
    }

    private static LanternPattern LoadFromArchive(string name)
    {
        // The real archive is a folder of scanned sheets; a deterministic stand-in keeps tests fast.
        int panels = 4 + Math.Abs(name.GetHashCode() % 5);
        var colours = name.Length % 2 == 0
            ? new[] { "vermilion", "gold" }
            : new[] { "indigo", "white", "saffron" };
        return new LanternPattern(name, panels, colours, panels * 0.18);
    }
}

public sealed class PaperRequirement
{
    public required string Maker { get; init; }
    public double SquareMetres { get; init; }
}

/// <summary>Works out how much paper each maker needs for the festival parade.</summary>
public sealed class ParadePlanner
{
    public IReadOnlyList<PaperRequirement> PlanPaper(IEnumerable<LanternOrder> orders)
    {
        var perMaker = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();

        Parallel.ForEach(orders, order =>
        {
            var pattern = PatternLibrary.Get(order.PatternName);
            double needed = pattern.PaperSquareMetres * order.Quantity * 1.1;
            perMaker.AddOrUpdate(order.Maker, needed, (_, existing) => existing + needed);
        });

        return perMaker
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PaperRequirement { Maker = p.Key, SquareMetres = Math.Round(p.Value, 2) })
            .ToList();
    }
}
