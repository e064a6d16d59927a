namespace CourierFleet.Routing;

public sealed record Stop(string ParcelId, double Lat, double Lon, TimeOnly? WindowEnd);

public sealed record RoutePlan(string VanId, IReadOnlyList<Stop> Stops, double Kilometres);

public interface IRouteOptimizer
{
    Task<RoutePlan> OptimiseAsync(string vanId, IReadOnlyList<Stop> stops, CancellationToken ct);
}

/// <summary>
/// Builds the morning route plans for every van in the depot. Dispatchers can
/// abort a planning run from the depot screen, which cancels the token.
/// </summary>
public sealed class DepotRoutePlanner
{
    private readonly IRouteOptimizer _optimizer;
    private readonly List<RoutePlan> _draftPlans = new();

    public DepotRoutePlanner(IRouteOptimizer optimizer) => _optimizer = optimizer;

    public async Task<IReadOnlyList<RoutePlan>> PlanDayAsync(
        IReadOnlyDictionary<string, IReadOnlyList<Stop>> stopsByVan,
        CancellationToken ct)
    {
        using var registration = ct.Register(() =>
        {
            _draftPlans.Clear();
            Console.WriteLine("Route planning aborted by dispatcher; drafts discarded.");
        });

        await Task.Run(async () =>
        {
            foreach (var (vanId, stops) in stopsByVan)
            {
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                var plan = await _optimizer.OptimiseAsync(vanId, stops, CancellationToken.None);
                _draftPlans.Add(plan);
            }
        });

        ct.ThrowIfCancellationRequested();
        return _draftPlans.ToList();
    }
}

/// <summary>
/// Nearest-neighbour fallback used when the cloud optimiser is unavailable.
/// </summary>
public sealed class NearestNeighbourOptimizer : IRouteOptimizer
{
    private readonly (double Lat, double Lon) _depot;

    public NearestNeighbourOptimizer(double depotLat, double depotLon) => _depot = (depotLat, depotLon);

    public Task<RoutePlan> OptimiseAsync(string vanId, IReadOnlyList<Stop> stops, CancellationToken ct)
    {
        var remaining = stops.ToList();
        var ordered = new List<Stop>(stops.Count);
        var (lat, lon) = _depot;
        double km = 0;
        while (remaining.Count > 0)
        {
            var next = remaining.MinBy(s => Distance(lat, lon, s.Lat, s.Lon))!;
            km += Distance(lat, lon, next.Lat, next.Lon);
            (lat, lon) = (next.Lat, next.Lon);
            ordered.Add(next);
            remaining.Remove(next);
        }
        return Task.FromResult(new RoutePlan(vanId, ordered, km));
    }

    private static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = (lat2 - lat1) * 111.0;
        var dLon = (lon2 - lon1) * 111.0 * Math.Cos(lat1 * Math.PI / 180);
        return Math.Sqrt(dLat * dLat + dLon * dLon);
    }
}
