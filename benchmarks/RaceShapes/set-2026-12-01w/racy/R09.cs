using System.Collections.Immutable;

namespace Municipal.SnowOps.Routing;

public sealed record PlowRoute(string RouteId, string TruckId, int Priority, DateTimeOffset AssignedAt);

/// <summary>
/// Holds the routes currently assigned to plow trucks. The dispatcher console assigns
/// routes through the API, and an automatic rebalancer runs every few minutes on a timer.
/// Registered as a singleton.
/// </summary>
public sealed class ActiveRouteBoard : IDisposable
{
    private ImmutableList<PlowRoute> _routes = ImmutableList<PlowRoute>.Empty;
    private readonly Timer _rebalanceTimer;
    private readonly Func<IReadOnlyList<PlowRoute>, IEnumerable<PlowRoute>> _planner;

    public ActiveRouteBoard(Func<IReadOnlyList<PlowRoute>, IEnumerable<PlowRoute>> planner)
    {
        _planner = planner;
        _rebalanceTimer = new Timer(_ => Rebalance(), null, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3));
    }

    /// <summary>Readers get an immutable snapshot.</summary>
    public IReadOnlyList<PlowRoute> Current => Volatile.Read(ref _routes);

    public void Assign(string routeId, string truckId, int priority)
    {
        var route = new PlowRoute(routeId, truckId, priority, DateTimeOffset.UtcNow);
        // a truck can only hold one copy of a route, so replace any earlier assignment
        _routes = _routes.RemoveAll(r => r.RouteId == routeId).Add(route);
    }

    public bool Release(string routeId)
    {
        while (true)
        {
            var current = Volatile.Read(ref _routes);
            var updated = current.RemoveAll(r => r.RouteId == routeId);
            if (updated.Count == current.Count)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _routes, updated, current) == current)
            {
                return true;
            }
        }
    }

    private void Rebalance()
    {
        ImmutableInterlocked.Update(ref _routes, routes =>
        {
            var extra = _planner(routes).ToList();
            return extra.Count == 0 ? routes : routes.AddRange(extra);
        });
    }

    public void Dispose() => _rebalanceTimer.Dispose();
}
