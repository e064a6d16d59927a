namespace Blind43.Avalanche.Stations;

public sealed record WeatherStation(string Code, string Name, int ElevationM, double Lat, double Lon);

public interface IStationRegistry
{
    IReadOnlyList<WeatherStation> LoadAll();
}

/// <summary>
/// Looks up the nearest high-altitude weather stations for an avalanche observation. The station
/// list is loaded on first use and shared by every observation being processed.
/// </summary>
public sealed class NearestStationFinder
{
    private readonly IStationRegistry _registry;
    private WeatherStation[]? _stations;
    private bool _loaded;
    private object? _loadLock;

    public NearestStationFinder(IStationRegistry registry) => _registry = registry;

    private WeatherStation[] Stations =>
        LazyInitializer.EnsureInitialized(ref _stations, ref _loaded, ref _loadLock,
            () => _registry.LoadAll().OrderByDescending(s => s.ElevationM).ToArray())!;

    public IReadOnlyList<WeatherStation> Nearest(double lat, double lon, int minElevation, int count) =>
        Stations
            .Where(s => s.ElevationM >= minElevation)
            .OrderBy(s => DistanceKm(lat, lon, s.Lat, s.Lon))
            .Take(count)
            .ToList();

    public int StationCount => Stations.Length;

    private static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var x = (lon2 - lon1) * Math.Cos((lat1 + lat2) * Math.PI / 360);
        var y = lat2 - lat1;
        return Math.Sqrt(x * x + y * y) * 111.32;
    }
}

public sealed record AvalancheObservation(string Id, double Lat, double Lon, int ElevationM, string Size);

/// <summary>Attaches nearby station codes to a day's avalanche observations.</summary>
public sealed class ObservationEnricher
{
    private readonly NearestStationFinder _finder;

    public ObservationEnricher(NearestStationFinder finder) => _finder = finder;

    public IReadOnlyDictionary<string, string[]> Enrich(IReadOnlyList<AvalancheObservation> observations)
    {
        return observations
            .AsParallel()
            .ToDictionary(
                o => o.Id,
                o => _finder.Nearest(o.Lat, o.Lon, o.ElevationM - 500, 3).Select(s => s.Code).ToArray());
    }
}
