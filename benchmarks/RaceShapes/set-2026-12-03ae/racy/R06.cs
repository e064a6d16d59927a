namespace Blind31.CanalBargeHire.Routing;

/// <summary>
/// Maps canal segments to the lock-keeper station responsible for them. Every booking
/// request resolves a route; the admin API changes assignments a few times a day.
/// Registered as a singleton.
/// </summary>
public sealed class SegmentRouter
{
    private readonly object _writeLock = new();
    private volatile Dictionary<string, string> _routes;

    public SegmentRouter(IEnumerable<KeyValuePair<string, string>> initial)
    {
        _routes = new Dictionary<string, string>(initial, StringComparer.OrdinalIgnoreCase);
    }

    public string? Resolve(string segment)
    {
        return _routes.TryGetValue(segment, out var station) ? station : null;
    }

    public IReadOnlyCollection<string> Segments => _routes.Keys.ToArray();

    public void Assign(string segment, string station)
    {
        lock (_writeLock)
        {
            var copy = new Dictionary<string, string>(_routes, StringComparer.OrdinalIgnoreCase)
            {
                [segment] = station,
            };
            _routes = copy;
        }
    }

    public bool Unassign(string segment)
    {
        lock (_writeLock)
        {
            return _routes.Remove(segment);
        }
    }

    public void ReplaceAll(IEnumerable<KeyValuePair<string, string>> routes)
    {
        var fresh = new Dictionary<string, string>(routes, StringComparer.OrdinalIgnoreCase);
        lock (_writeLock)
        {
            _routes = fresh;
        }
    }
}

/// <summary>Books a barge and notifies the lock-keeper for each segment on the route.</summary>
public sealed class BargeBookingService
{
    private readonly SegmentRouter _router;

    public BargeBookingService(SegmentRouter router)
    {
        _router = router;
    }

    public IReadOnlyList<string> PlanNotifications(IEnumerable<string> segmentsOnRoute)
    {
        var stations = new List<string>();
        foreach (var segment in segmentsOnRoute)
        {
            var station = _router.Resolve(segment);
            if (station != null && !stations.Contains(station))
            {
                stations.Add(station);
            }
        }

        return stations;
    }
}
