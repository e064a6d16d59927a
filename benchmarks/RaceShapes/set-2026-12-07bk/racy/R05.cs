using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Blind63.PeatCutting.Permits;

public sealed class TenantQuota
{
    public TenantQuota(string tenantId, long allowanceCubicMetres)
    {
        TenantId = tenantId;
        AllowanceCubicMetres = allowanceCubicMetres;
    }

    public string TenantId { get; }
    public long AllowanceCubicMetres { get; }
    public long UsedCubicMetres;
}

/// <summary>
/// Tracks how much peat each licence holder has cut this season. A single
/// instance is registered in DI; the cutting-log API calls <see cref="TryConsume"/>
/// for every load reported from the bog.
/// </summary>
public sealed class CuttingQuotaTracker
{
    private readonly ConcurrentDictionary<string, TenantQuota> _quotas = new();
    private readonly Func<string, long> _allowanceLookup;

    public CuttingQuotaTracker(Func<string, long> allowanceLookup)
    {
        _allowanceLookup = allowanceLookup;
    }

    public bool TryConsume(string tenantId, long cubicMetres)
    {
        if (cubicMetres <= 0) throw new ArgumentOutOfRangeException(nameof(cubicMetres));

        var quota = _quotas.GetOrAdd(tenantId, id => new TenantQuota(id, _allowanceLookup(id)));

        if (quota.UsedCubicMetres + cubicMetres > quota.AllowanceCubicMetres)
        {
            return false;
        }

        quota.UsedCubicMetres += cubicMetres;
        return true;
    }

    public long Remaining(string tenantId) =>
        _quotas.TryGetValue(tenantId, out var q)
            ? q.AllowanceCubicMetres - Interlocked.Read(ref q.UsedCubicMetres)
            : _allowanceLookup(tenantId);

    public void ResetSeason() => _quotas.Clear();
}

public static class CuttingLogEndpoints
{
    public static IResult ReportLoad(CuttingQuotaTracker tracker, string tenantId, long cubicMetres)
    {
        return tracker.TryConsume(tenantId, cubicMetres)
            ? Results.Ok(new { tenantId, remaining = tracker.Remaining(tenantId) })
            : Results.Problem($"Season allowance for {tenantId} exceeded", statusCode: 409);
    }
}
