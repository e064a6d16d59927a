namespace Blind54.ElevatorMaintenance.Routes;

public sealed class InspectionRoute
{
    public InspectionRoute(string technician, IReadOnlyList<string> sites, DateOnly day)
    {
        Technician = technician;
        Sites = sites;
        Day = day;
    }

    public string Technician { get; }
    public IReadOnlyList<string> Sites { get; }
    public DateOnly Day { get; }
}

/// <summary>
/// Publishes the technicians' inspection routes to the dispatcher console. The planner
/// thread recomputes the whole plan every few minutes and publishes it in one step; the
/// console and the SMS notifier read the latest plan from their own threads.
/// </summary>
public sealed class RoutePlanPublisher
{
    private volatile IReadOnlyDictionary<string, InspectionRoute> _plan =
        new Dictionary<string, InspectionRoute>();
    private volatile bool _stopping;
    private readonly Thread _planner;

    public RoutePlanPublisher(Func<IEnumerable<(string Technician, string Site)>> loadDueInspections)
    {
        _planner = new Thread(() =>
        {
            while (!_stopping)
            {
                var today = DateOnly.FromDateTime(DateTime.Today);
                var plan = loadDueInspections()
                    .GroupBy(x => x.Technician)
                    .ToDictionary(
                        g => g.Key,
                        g => new InspectionRoute(g.Key, g.Select(x => x.Site).OrderBy(s => s).ToArray(), today));
                _plan = plan;
                Thread.Sleep(TimeSpan.FromMinutes(3));
            }
        })
        {
            IsBackground = true,
            Name = "route-planner",
        };
    }

    public IReadOnlyDictionary<string, InspectionRoute> Plan => _plan;

    public void Start() => _planner.Start();

    public void Stop()
    {
        _stopping = true;
        _planner.Join();
    }

    public string? NextSiteFor(string technician, int visitedCount)
    {
        var plan = _plan;
        return plan.TryGetValue(technician, out var route) && visitedCount < route.Sites.Count
            ? route.Sites[visitedCount]
            : null;
    }
}
