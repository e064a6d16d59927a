using System.Collections.Concurrent;

namespace Blind44.CircusTours.Diagnostics;

public sealed record TourStop(string Town, string Field, int Seats);

/// <summary>Breadcrumb trail for one planning operation.</summary>
public sealed class RouteTrail
{
    private readonly ConcurrentQueue<string> _entries = new();

    public RouteTrail(string operation) => Operation = operation;

    public string Operation { get; }

    public void Add(string entry) => _entries.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {entry}");

    public IReadOnlyList<string> Entries => _entries.ToArray();
}

/// <summary>Ambient trail for the current async flow.</summary>
public static class RouteTrace
{
    private static readonly AsyncLocal<RouteTrail?> s_trail = new();
    private static readonly AsyncLocal<string?> s_scope = new();

    public static RouteTrail Begin(string operation) => s_trail.Value = new RouteTrail(operation);

    /// <summary>Labels subsequent notes with the venue being checked.</summary>
    public static void EnterScope(string scope) => s_scope.Value = scope;

    public static void Note(string message)
    {
        var scope = s_scope.Value;
        s_trail.Value?.Add(scope is null ? message : $"[{scope}] {message}");
    }
}

public interface IFieldSurveyor
{
    Task<bool> BigTopFitsAsync(TourStop stop, CancellationToken ct);
    Task<bool> HasWaterAsync(TourStop stop, CancellationToken ct);
}

/// <summary>Checks all candidate fields for the next leg of the tour in parallel.</summary>
public sealed class RoutePlanner
{
    private readonly IFieldSurveyor _surveyor;

    public RoutePlanner(IFieldSurveyor surveyor) => _surveyor = surveyor;

    public async Task<(IReadOnlyList<TourStop> Usable, RouteTrail Trail)> PlanAsync(
        IReadOnlyList<TourStop> candidates, CancellationToken ct)
    {
        var trail = RouteTrace.Begin($"plan {candidates.Count} stops");
        RouteTrace.Note("survey started");

        var verdicts = await Task.WhenAll(candidates.Select(stop => CheckAsync(stop, ct)));

        var usable = new List<TourStop>();
        for (int i = 0; i < candidates.Count; i++)
            if (verdicts[i]) usable.Add(candidates[i]);

        RouteTrace.Note($"{usable.Count} usable");
        return (usable, trail);
    }

    private async Task<bool> CheckAsync(TourStop stop, CancellationToken ct)
    {
        RouteTrace.EnterScope(stop.Town);
        if (!await _surveyor.BigTopFitsAsync(stop, ct))
        {
            RouteTrace.Note("big top does not fit");
            return false;
        }
        var water = await _surveyor.HasWaterAsync(stop, ct);
        RouteTrace.Note(water ? "ok" : "no water for the animals");
        return water;
    }
}
