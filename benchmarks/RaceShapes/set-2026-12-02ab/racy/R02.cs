namespace Blind28.RailwaySignals.Interlocking;

public sealed record RouteSetting(string RouteId, string EntrySignal, string ExitSignal, IReadOnlySet<string> TrackCircuits);

/// <summary>
/// Keeps the set of routes currently set through the interlocking. Called from the
/// signaller's panel thread when routes are set and from the train-describer feed
/// thread when a train clears a route.
/// </summary>
public sealed class RouteTable
{
    private readonly object _routeLock = new();
    private readonly object _logLock = new();
    private readonly List<RouteSetting> _active = new();
    private readonly List<string> _eventLog = new();

    public bool TrySetRoute(RouteSetting route)
    {
        lock (_routeLock)
        {
            foreach (var existing in _active)
            {
                if (existing.TrackCircuits.Overlaps(route.TrackCircuits))
                {
                    return false;
                }
            }

            _active.Add(route);
        }

        AppendLog($"SET {route.RouteId} {route.EntrySignal}->{route.ExitSignal}");
        return true;
    }

    /// <summary>Called by the train describer when the last axle has passed the exit signal.</summary>
    public void ReleaseRoute(string routeId, string trainHeadcode)
    {
        lock (_logLock)
        {
            _active.RemoveAll(r => r.RouteId == routeId);
            _eventLog.Add($"{DateTime.UtcNow:HH:mm:ss} REL {routeId} by {trainHeadcode}");
        }
    }

    public bool IsCircuitLocked(string trackCircuit)
    {
        lock (_routeLock)
        {
            return _active.Any(r => r.TrackCircuits.Contains(trackCircuit));
        }
    }

    public IReadOnlyList<string> RecentEvents(int count)
    {
        lock (_logLock)
        {
            return _eventLog.Skip(Math.Max(0, _eventLog.Count - count)).ToList();
        }
    }

    private void AppendLog(string line)
    {
        lock (_logLock)
        {
            _eventLog.Add($"{DateTime.UtcNow:HH:mm:ss} {line}");
        }
    }
}

public sealed class TrainDescriberFeed
{
    private readonly RouteTable _routes;

    public TrainDescriberFeed(RouteTable routes) => _routes = routes;

    public Task RunAsync(IAsyncEnumerable<(string RouteId, string Headcode)> clearances, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            await foreach (var (routeId, headcode) in clearances.WithCancellation(ct))
            {
                _routes.ReleaseRoute(routeId, headcode);
            }
        }, ct);
    }
}
