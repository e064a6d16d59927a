namespace Blind40.GlacierGuides.Routes;

public sealed record CrevasseZone(string Id, double Lat, double Lon, double RadiusM, string Risk);

public sealed record RouteLeg(string From, string To, double DistanceKm);

/// <summary>
/// Route planning for guided glacier walks. The crevasse map is expensive to
/// build and needed by every planning request, so it is built once on first use
/// and shared. Registered as a singleton; called concurrently by the booking site.
/// </summary>
public sealed class GlacierRoutePlanner
{
    private readonly Func<IReadOnlyList<CrevasseZone>> _loadSurvey;
    private readonly Lazy<IReadOnlyDictionary<string, RouteLeg>> _legs;
    private IReadOnlyList<CrevasseZone>? _zones;
    private bool _zonesLoaded;
    private object? _zonesLock;

    public GlacierRoutePlanner(Func<IReadOnlyList<CrevasseZone>> loadSurvey, Func<IEnumerable<RouteLeg>> loadLegs)
    {
        _loadSurvey = loadSurvey;
        _legs = new Lazy<IReadOnlyDictionary<string, RouteLeg>>(
            () => loadLegs().ToDictionary(l => $"{l.From}->{l.To}", StringComparer.OrdinalIgnoreCase),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private IReadOnlyList<CrevasseZone> Zones =>
        LazyInitializer.EnsureInitialized(ref _zones, ref _zonesLoaded, ref _zonesLock, _loadSurvey)!;

    public IReadOnlyList<string> HazardsNear(double lat, double lon, double withinM)
    {
        var hazards = new List<string>();
        foreach (var zone in Zones)
        {
            double dLat = (zone.Lat - lat) * 111_320;
            double dLon = (zone.Lon - lon) * 111_320 * Math.Cos(lat * Math.PI / 180);
            double distance = Math.Sqrt(dLat * dLat + dLon * dLon);
            if (distance - zone.RadiusM <= withinM)
            {
                hazards.Add($"{zone.Id} ({zone.Risk})");
            }
        }
        return hazards;
    }

    public double? PlanDistanceKm(IReadOnlyList<string> waypoints)
    {
        double total = 0;
        for (int i = 1; i < waypoints.Count; i++)
        {
            if (!_legs.Value.TryGetValue($"{waypoints[i - 1]}->{waypoints[i]}", out var leg))
            {
                return null;
            }
            total += leg.DistanceKm;
        }
        return total;
    }
}

public static class PlannerWarmup
{
    public static Task WarmAsync(GlacierRoutePlanner planner, IEnumerable<(double Lat, double Lon)> huts) =>
        Task.WhenAll(huts.Select(h => Task.Run(() => planner.HazardsNear(h.Lat, h.Lon, 250))));
}
