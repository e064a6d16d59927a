using System.Collections.Immutable;

namespace Municipal.SnowOps.Dispatch;

public sealed record PlowAssignment(string RouteId, string TruckId, int Priority, DateTimeOffset AssignedAt);

/// <summary>
/// Routes currently assigned to plow trucks. The dispatcher console assigns routes
/// through the API and the storm rebalancer runs on a timer. Registered as a singleton.
/// </summary>
public sealed class PlowAssignmentBoard : IDisposable
{
    private ImmutableList<PlowAssignment> _assignments = ImmutableList<PlowAssignment>.Empty;
    private readonly Func<IReadOnlyList<PlowAssignment>, IEnumerable<PlowAssignment>> _planner;
    private readonly Timer _timer;

    public PlowAssignmentBoard(Func<IReadOnlyList<PlowAssignment>, IEnumerable<PlowAssignment>> planner)
    {
        _planner = planner;
        _timer = new Timer(_ => Rebalance(), null, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3));
    }

    public IReadOnlyList<PlowAssignment> Current => Volatile.Read(ref _assignments);

    public void Assign(string routeId, string truckId, int priority)
    {
        var assignment = new PlowAssignment(routeId, truckId, priority, DateTimeOffset.UtcNow);
        ImmutableInterlocked.Update(
            ref _assignments,
            static (list, a) => list.RemoveAll(r => r.RouteId == a.RouteId).Add(a),
            assignment);
    }

    public bool Release(string routeId)
    {
        bool removed = false;
        ImmutableInterlocked.Update(ref _assignments, list =>
        {
            var updated = list.RemoveAll(r => r.RouteId == routeId);
            removed = updated.Count != list.Count;
            return updated;
        });
        return removed;
    }

    private void Rebalance()
    {
        ImmutableInterlocked.Update(ref _assignments, list =>
        {
            var extra = _planner(list).ToList();
            return extra.Count == 0 ? list : list.AddRange(extra);
        });
    }

    public int CountForTruck(string truckId) => Volatile.Read(ref _assignments).Count(a => a.TruckId == truckId);

    public void Dispose() => _timer.Dispose();
}
