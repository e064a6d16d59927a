namespace Blind30.WeavingCoop;

public sealed record YarnStock(string Colour, string Fibre, double Kilograms);

/// <summary>
/// Colour lookup for the co-op's yarn store. The colour chart is parsed from the
/// dye-house file the first time any loom session asks for it.
/// </summary>
public sealed class YarnColourChart
{
    private readonly string _chartPath;
    private Dictionary<string, string>? _hexByColour;
    private bool _initialised;
    private object? _initLock;

    public YarnColourChart(string chartPath)
    {
        _chartPath = chartPath;
    }

    public string? HexFor(string colour)
    {
        var chart = LazyInitializer.EnsureInitialized(ref _hexByColour, ref _initialised, ref _initLock, Parse)!;
        return chart.TryGetValue(colour, out var hex) ? hex : null;
    }

    public int ColourCount =>
        LazyInitializer.EnsureInitialized(ref _hexByColour, ref _initialised, ref _initLock, Parse)!.Count;

    private Dictionary<string, string> Parse()
    {
        var chart = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(_chartPath))
        {
            return chart;
        }

        foreach (var line in File.ReadLines(_chartPath))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[1].StartsWith('#'))
            {
                chart[parts[0]] = parts[1];
            }
        }

        return chart;
    }
}

/// <summary>Prepares the warp colour list for several looms at once.</summary>
public static class WarpPlanner
{
    public static async Task<IReadOnlyDictionary<string, string[]>> PlanAsync(
        YarnColourChart chart, IReadOnlyDictionary<string, string[]> warpColoursByLoom)
    {
        var tasks = warpColoursByLoom.Select(kv => Task.Run(() =>
            (Loom: kv.Key, Hex: kv.Value.Select(c => chart.HexFor(c) ?? "#000000").ToArray())));

        var planned = await Task.WhenAll(tasks).ConfigureAwait(false);
        return planned.ToDictionary(p => p.Loom, p => p.Hex);
    }
}
