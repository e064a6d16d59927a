namespace Blind56.Beekeeping.Tenancy;

public sealed record TenantInfo(string TenantId, string Server, string Database, int MaxPoolSize);

public sealed record TenantRoute(string TenantId, string ConnectionString, DateTimeOffset ResolvedAt);

public interface ITenantDirectory
{
    TenantInfo Lookup(string tenantId);
}

/// <summary>
/// Routes each request of the beekeeping supply platform to the shop's own stock
/// database. Registered as a singleton; Resolve runs on every incoming request.
/// </summary>
public sealed class TenantConnectionRouter
{
    private readonly Dictionary<string, TenantRoute> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ITenantDirectory _directory;
    private readonly TimeProvider _clock;

    public TenantConnectionRouter(ITenantDirectory directory, TimeProvider clock)
    {
        _directory = directory;
        _clock = clock;
    }

    public TenantRoute Resolve(string tenantId)
    {
        if (_routes.TryGetValue(tenantId, out var route))
        {
            return route;
        }

        TenantInfo info = _directory.Lookup(tenantId);
        route = new TenantRoute(
            info.TenantId,
            $"Server={info.Server};Database={info.Database};Max Pool Size={info.MaxPoolSize};Encrypt=true",
            _clock.GetUtcNow());
        _routes[tenantId] = route;
        return route;
    }
}

/// <summary>Middleware-style helper that tags the request with the shop's connection.</summary>
public sealed class TenantRoutingStep
{
    private readonly TenantConnectionRouter _router;

    public TenantRoutingStep(TenantConnectionRouter router)
    {
        _router = router;
    }

    public async Task InvokeAsync(IDictionary<string, object?> items, string hostHeader, Func<Task> next)
    {
        string tenantId = hostHeader.Split('.')[0];
        items["TenantRoute"] = _router.Resolve(tenantId);
        await next().ConfigureAwait(false);
    }
}

/// <summary>Warms routes for the busiest shops at startup.</summary>
public static class TenantRouteWarmup
{
    public static Task WarmAsync(TenantConnectionRouter router, IEnumerable<string> tenantIds, CancellationToken ct) =>
        Parallel.ForEachAsync(tenantIds, ct, (tenantId, _) =>
        {
            router.Resolve(tenantId);
            return ValueTask.CompletedTask;
        });
}
