namespace Blind46.Bonsai.Catalogue;

public sealed record SpeciesCare(string LatinName, string Soil, double MinTempC, int RepotEveryYears);

/// <summary>Ambient correlation id for the nursery API, flowing across awaits of one request.</summary>
public static class RequestCorrelation
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current => s_current.Value;

    public static IDisposable Begin(string id)
    {
        var previous = s_current.Value;
        s_current.Value = id;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly string? _previous;

        public Restore(string? previous) => _previous = previous;

        public void Dispose() => s_current.Value = _previous;
    }
}

/// <summary>
/// Species care catalogue for the bonsai nursery. Parsing the full horticultural
/// table is slow, so it is loaded once on first use; every API request shares it.
/// </summary>
public sealed class SpeciesCatalogue
{
    private readonly Lazy<IReadOnlyDictionary<string, SpeciesCare>> _table;
    private int _loads;

    public SpeciesCatalogue(Func<IEnumerable<string>> readLines)
    {
        _table = new Lazy<IReadOnlyDictionary<string, SpeciesCare>>(
            () => Parse(readLines()),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Loads => Volatile.Read(ref _loads);

    public SpeciesCare? Find(string latinName)
    {
        var table = _table.Value;
        if (table.TryGetValue(latinName, out var care))
            return care;

        Console.WriteLine($"[{RequestCorrelation.Current ?? "-"}] unknown species {latinName}");
        return null;
    }

    private IReadOnlyDictionary<string, SpeciesCare> Parse(IEnumerable<string> lines)
    {
        Interlocked.Increment(ref _loads);
        var map = new Dictionary<string, SpeciesCare>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var parts = line.Split(';');
            if (parts.Length < 4)
                continue;
            map[parts[0].Trim()] = new SpeciesCare(
                parts[0].Trim(),
                parts[1].Trim(),
                double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
        }

        return map;
    }
}

public sealed class RepottingPlanner
{
    private readonly SpeciesCatalogue _catalogue;

    public RepottingPlanner(SpeciesCatalogue catalogue) => _catalogue = catalogue;

    public async Task<IReadOnlyList<string>> DueThisSpringAsync(string requestId, IEnumerable<(string TreeId, string Species, int LastRepotYear)> trees, int year)
    {
        using var _ = RequestCorrelation.Begin(requestId);
        var checks = trees.Select(t => Task.Run(() =>
        {
            var care = _catalogue.Find(t.Species);
            return care is not null && year - t.LastRepotYear >= care.RepotEveryYears ? t.TreeId : null;
        }));

        var results = await Task.WhenAll(checks).ConfigureAwait(false);
        return results.Where(id => id is not null).Select(id => id!).ToList();
    }
}
