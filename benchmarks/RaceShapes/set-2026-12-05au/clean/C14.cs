using System.Collections.Immutable;

namespace Blind47.Couriers.Routing;

public sealed record RouteRequest(string Kind, string From, string To, double WeightKg);

/// <summary>
/// Registry of route planners keyed by job kind (documents, cargo bike,
/// refrigerated). Plug-ins register and unregister planners while the dispatch
/// desk is routing jobs.
/// </summary>
public sealed class RoutePlannerRegistry
{
    private ImmutableDictionary<string, Func<RouteRequest, Task<double>>> _planners =
        ImmutableDictionary<string, Func<RouteRequest, Task<double>>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public void Register(string kind, Func<RouteRequest, Task<double>> planner)
    {
        ImmutableInterlocked.AddOrUpdate(ref _planners, kind, planner, (_, _) => planner);
    }

    public bool Unregister(string kind) => ImmutableInterlocked.TryRemove(ref _planners, kind, out _);

    public bool TryRegisterFirst(string kind, Func<RouteRequest, Task<double>> planner) =>
        ImmutableInterlocked.TryAdd(ref _planners, kind, planner);

    public IReadOnlyCollection<string> Kinds => Volatile.Read(ref _planners).Keys.ToArray();

    public async Task<double?> EstimateMinutesAsync(RouteRequest request)
    {
        var planners = Volatile.Read(ref _planners);
        if (!planners.TryGetValue(request.Kind, out var planner))
        {
            return null;
        }

        return await planner(request);
    }
}

public static class PlannerPlugins
{
    public static Task LoadAsync(RoutePlannerRegistry registry, CancellationToken ct)
    {
        var loaders = new Func<Task>[]
        {
            async () =>
            {
                await Task.Delay(30, ct);
                registry.Register("documents", r => Task.FromResult(12.0 + r.WeightKg));
            },
            async () =>
            {
                await Task.Delay(40, ct);
                registry.Register("cargo", r => Task.FromResult(25.0 + r.WeightKg * 0.8));
            },
            async () =>
            {
                await Task.Delay(20, ct);
                registry.TryRegisterFirst("refrigerated", r => Task.FromResult(30.0 + r.WeightKg * 1.2));
            },
        };

        return Task.WhenAll(loaders.Select(l => Task.Run(l, ct)));
    }
}
