namespace Blind50.SnowPlough.Routes;

public sealed record PloughRoute(string RouteId, string Truck, int Kilometres);

public interface IRouteTelemetry
{
    Task<bool> WaitForCompletionAsync(PloughRoute route, CancellationToken cancellationToken);
}

public sealed record ShiftReport(IReadOnlyList<string> Cleared, IReadOnlyList<string> Abandoned, int Kilometres);

/// <summary>
/// Tracks one night shift of the snow plough fleet: dispatches every route, waits for the
/// trucks to report back and produces the report for the morning roads bulletin.
/// </summary>
public sealed class NightShiftCoordinator
{
    private readonly IRouteTelemetry _telemetry;
    private readonly TimeSpan _routeTimeout;
    private readonly List<string> _cleared = new();
    private readonly List<string> _abandoned = new();
    private int _kilometres;

    public NightShiftCoordinator(IRouteTelemetry telemetry, TimeSpan routeTimeout)
    {
        _telemetry = telemetry;
        _routeTimeout = routeTimeout;
    }

    public async Task<ShiftReport> RunShiftAsync(IEnumerable<PloughRoute> routes, CancellationToken cancellationToken)
    {
        var tracking = routes.Select(route => TrackAsync(route, cancellationToken)).ToList();
        await Task.WhenAll(tracking);

        var kilometres = Interlocked.CompareExchange(ref _kilometres, 0, 0);
        return new ShiftReport(_cleared.ToArray(), _abandoned.ToArray(), kilometres);
    }

    private async Task TrackAsync(PloughRoute route, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_routeTimeout);

        bool completed;
        try
        {
            completed = await _telemetry.WaitForCompletionAsync(route, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            completed = false;
        }

        if (completed)
        {
            _cleared.Add($"{route.RouteId} ({route.Truck})");
            Interlocked.Add(ref _kilometres, route.Kilometres);
        }
        else
        {
            lock (_abandoned)
            {
                _abandoned.Add($"{route.RouteId} ({route.Truck})");
            }
        }
    }
}

/// <summary>Depot console command that runs a shift and prints the bulletin.</summary>
public static class NightShiftCommand
{
    public static async Task<int> RunAsync(IRouteTelemetry telemetry, IReadOnlyList<PloughRoute> routes)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromHours(10));
        var coordinator = new NightShiftCoordinator(telemetry, TimeSpan.FromHours(4));
        var report = await coordinator.RunShiftAsync(routes, cts.Token);

        Console.WriteLine($"Cleared {report.Cleared.Count} routes, {report.Kilometres} km");
        foreach (var route in report.Abandoned)
        {
            Console.WriteLine($"  not finished: {route}");
        }

        return report.Abandoned.Count == 0 ? 0 : 1;
    }
}
