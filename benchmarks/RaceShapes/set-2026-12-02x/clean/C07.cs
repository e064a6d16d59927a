namespace Blind24.ScaffoldInspections;

public sealed record LoadClass(string Name, double KilonewtonsPerSquareMetre);

/// <summary>
/// Reference tables for bamboo scaffold design checks. Building the tables parses
/// a large embedded document, so it is done lazily on first use and then shared by
/// every inspection request.
/// </summary>
public sealed class ScaffoldReferenceTables
{
    private static readonly Lazy<ScaffoldReferenceTables> Instance =
        new(() => Build(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, LoadClass> _loadClasses;
    private readonly Dictionary<int, double> _maxBaySpanByPoleDiameterMm;

    private ScaffoldReferenceTables(Dictionary<string, LoadClass> loadClasses, Dictionary<int, double> spans)
    {
        _loadClasses = loadClasses;
        _maxBaySpanByPoleDiameterMm = spans;
    }

    public static ScaffoldReferenceTables Shared => Instance.Value;

    private static ScaffoldReferenceTables Build()
    {
        var classes = new Dictionary<string, LoadClass>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, kn) in new[] { ("inspection", 0.75), ("light", 1.5), ("general", 2.0), ("heavy", 3.0) })
        {
            classes.Add(name, new LoadClass(name, kn));
        }

        var spans = new Dictionary<int, double>();
        for (int d = 40; d <= 100; d += 5)
        {
            spans[d] = Math.Round(0.9 + (d - 40) * 0.025, 2);
        }

        return new ScaffoldReferenceTables(classes, spans);
    }

    public LoadClass? FindLoadClass(string name) => _loadClasses.TryGetValue(name, out var c) ? c : null;

    public double MaxBaySpan(int poleDiameterMm)
    {
        int rounded = Math.Clamp(poleDiameterMm / 5 * 5, 40, 100);
        return _maxBaySpanByPoleDiameterMm[rounded];
    }
}

/// <summary>Checks submitted bay measurements; called from many request threads.</summary>
public sealed class BayChecker
{
    public IReadOnlyList<string> Check(string loadClass, IEnumerable<(string Bay, int PoleMm, double SpanM)> bays)
    {
        var tables = ScaffoldReferenceTables.Shared;
        var problems = new List<string>();

        if (tables.FindLoadClass(loadClass) is null)
        {
            problems.Add($"Unknown load class '{loadClass}'");
            return problems;
        }

        foreach (var (bay, pole, span) in bays)
        {
            double max = tables.MaxBaySpan(pole);
            if (span > max)
            {
                problems.Add($"Bay {bay}: span {span:F2} m exceeds {max:F2} m for {pole} mm poles");
            }
        }

        return problems;
    }
}
