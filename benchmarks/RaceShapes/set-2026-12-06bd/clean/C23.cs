using System.Text.Json;

namespace Blind56.MobileLibrary.Routes;

public sealed record Stop(string Village, string Location, DayOfWeek Day, TimeOnly Arrive, TimeOnly Depart);

public sealed class RouteCatalogue
{
    private readonly Dictionary<string, List<Stop>> _byVillage;

    public RouteCatalogue(IEnumerable<Stop> stops)
    {
        _byVillage = stops
            .GroupBy(s => s.Village, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Day).ThenBy(s => s.Arrive).ToList(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Stop> StopsFor(string village) =>
        _byVillage.TryGetValue(village, out var stops) ? stops : Array.Empty<Stop>();

    public int VillageCount => _byVillage.Count;
}

/// <summary>
/// Loads the mobile library's timetable the first time any request needs it.
/// Registered as a singleton; the "when is the van in my village" endpoint and
/// the SMS reminder job both call it.
/// </summary>
public sealed class RouteCatalogueProvider
{
    private readonly string _timetablePath;
    private RouteCatalogue? _catalogue;
    private bool _loaded;
    private object? _loadLock;

    public RouteCatalogueProvider(string timetablePath) => _timetablePath = timetablePath;

    public RouteCatalogue Catalogue =>
        LazyInitializer.EnsureInitialized(ref _catalogue, ref _loaded, ref _loadLock, Load)!;

    private RouteCatalogue Load()
    {
        using var stream = File.OpenRead(_timetablePath);
        var stops = JsonSerializer.Deserialize<List<Stop>>(stream) ?? new List<Stop>();
        return new RouteCatalogue(stops);
    }
}

public static class VanTimesEndpoint
{
    public static string Describe(RouteCatalogueProvider provider, string village)
    {
        var stops = provider.Catalogue.StopsFor(village);
        if (stops.Count == 0)
        {
            return $"The library van does not currently visit {village}.";
        }

        return string.Join(Environment.NewLine,
            stops.Select(s => $"{s.Day}: {s.Location}, {s.Arrive:HH\\:mm}-{s.Depart:HH\\:mm}"));
    }

    public static Task<string[]> DescribeManyAsync(RouteCatalogueProvider provider, IEnumerable<string> villages) =>
        Task.WhenAll(villages.Select(v => Task.Run(() => Describe(provider, v))));
}
