using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Blind65.TinMines.Assays;

/// <summary>
/// Per-tenant monthly allowance for assay requests. Each mining company on the
/// platform is a tenant with its own quota.
/// </summary>
public sealed class TenantQuota
{
    public TenantQuota(string tenantId, int monthlyLimit)
    {
        TenantId = tenantId;
        MonthlyLimit = monthlyLimit;
    }

    public string TenantId { get; }
    public int MonthlyLimit { get; }
    public int Used { get; set; }
    public int Remaining => MonthlyLimit - Used;
}

/// <summary>
/// App-wide singleton holding quota usage for every tenant. Called by
/// <see cref="AssayQuotaMiddleware"/> on every request.
/// </summary>
public sealed class AssayQuotaTracker
{
    private readonly ConcurrentDictionary<string, TenantQuota> _quotas = new();
    private readonly Func<string, int> _limitLookup;

    public AssayQuotaTracker(Func<string, int> limitLookup) => _limitLookup = limitLookup;

    public bool TryConsume(string tenantId, int units)
    {
        var quota = _quotas.GetOrAdd(tenantId, id => new TenantQuota(id, _limitLookup(id)));
        if (quota.Remaining < units)
        {
            return false;
        }
        quota.Used += units;
        return true;
    }

    public int RemainingFor(string tenantId) =>
        _quotas.TryGetValue(tenantId, out var quota) ? quota.Remaining : _limitLookup(tenantId);

    /// <summary>Called by the billing job on the first of each month.</summary>
    public void ResetAll() => _quotas.Clear();
}

public sealed class AssayQuotaMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AssayQuotaTracker _tracker;

    public AssayQuotaMiddleware(RequestDelegate next, AssayQuotaTracker tracker)
    {
        _next = next;
        _tracker = tracker;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/assays"))
        {
            await _next(context);
            return;
        }

        var tenant = context.Request.Headers["X-Tenant"].ToString();
        var units = context.Request.Method == HttpMethods.Post ? 5 : 1;
        if (!_tracker.TryConsume(tenant, units))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsync("Monthly assay quota exhausted.");
            return;
        }

        context.Response.Headers["X-Quota-Remaining"] = _tracker.RemainingFor(tenant).ToString();
        await _next(context);
    }
}
