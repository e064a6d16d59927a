namespace Blind56.VegBox.Routing;

public readonly record struct DropPoint(string CustomerRef, double Latitude, double Longitude, int Boxes);

public sealed record RoutePlan(string VanId, IReadOnlyList<DropPoint> Drops);

public sealed record RouteCost(string VanId, double Kilometres, int Boxes, double MinutesEstimate);

/// <summary>
/// Costs the organic veg box delivery routes for the week so the packing shed can
/// balance vans. Pure calculations fanned out with PLINQ.
/// </summary>
public static class RouteCosting
{
    private const double DepotLat = 51.4545;
    private const double DepotLon = -2.5879;

    public static IReadOnlyList<RouteCost> CostAll(IEnumerable<RoutePlan> plans, double averageKmh, double minutesPerDrop)
    {
        return plans
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount / 2))
            .Select(plan => Cost(plan, averageKmh, minutesPerDrop))
            .OrderByDescending(c => c.MinutesEstimate)
            .ToList();
    }

    public static (double TotalKm, int TotalBoxes) Totals(IEnumerable<RoutePlan> plans)
    {
        var costs = plans.AsParallel().Select(p => Cost(p, 40, 3)).ToArray();
        return (costs.Sum(c => c.Kilometres), costs.Sum(c => c.Boxes));
    }

    public static RoutePlan? Longest(IEnumerable<RoutePlan> plans) =>
        plans.AsParallel()
             .Select(p => (Plan: p, Km: Cost(p, 40, 3).Kilometres))
             .Aggregate(
                 seed: ((RoutePlan? Plan, double Km))(null, -1.0),
                 func: (best, next) => next.Km > best.Km ? next : best).Plan;

    private static RouteCost Cost(RoutePlan plan, double averageKmh, double minutesPerDrop)
    {
        double km = 0;
        double lat = DepotLat;
        double lon = DepotLon;
        int boxes = 0;
        foreach (var drop in plan.Drops)
        {
            km += Distance(lat, lon, drop.Latitude, drop.Longitude);
            lat = drop.Latitude;
            lon = drop.Longitude;
            boxes += drop.Boxes;
        }

        km += Distance(lat, lon, DepotLat, DepotLon);
        double minutes = km / averageKmh * 60.0 + plan.Drops.Count * minutesPerDrop;
        return new RouteCost(plan.VanId, Math.Round(km, 1), boxes, Math.Round(minutes));
    }

    private static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        double dLat = (lat2 - lat1) * Math.PI / 180.0;
        double dLon = (lon2 - lon1) * Math.PI / 180.0;
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                   Math.Cos(lat1 * Math.PI / 180.0) * Math.Cos(lat2 * Math.PI / 180.0) *
                   Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 6371.0 * 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }
}
