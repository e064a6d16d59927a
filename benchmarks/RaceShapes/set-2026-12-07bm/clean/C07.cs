using System.Collections.Concurrent;

namespace Blind65.TinMines.Sampling;

/// <summary>
/// Monthly allowance of core-sample analyses for one mining company.
/// </summary>
public sealed class CoreSampleAllowance
{
    private int _used;

    public CoreSampleAllowance(string tenantId, int monthlyLimit)
    {
        TenantId = tenantId;
        MonthlyLimit = monthlyLimit;
    }

    public string TenantId { get; }
    public int MonthlyLimit { get; }
    public int Used => Volatile.Read(ref _used);
    public int Remaining => MonthlyLimit - Used;

    public bool TryConsume(int units)
    {
        var current = Volatile.Read(ref _used);
        while (true)
        {
            if (current + units > MonthlyLimit)
            {
                return false;
            }
            var observed = Interlocked.CompareExchange(ref _used, current + units, current);
            if (observed == current)
            {
                return true;
            }
            current = observed;
        }
    }

    public void Refund(int units) => Interlocked.Add(ref _used, -units);
}

/// <summary>
/// Singleton used by the laboratory API to enforce each tenant's allowance.
/// </summary>
public sealed class CoreSampleQuotaService
{
    private ConcurrentDictionary<string, CoreSampleAllowance> _allowances = new();
    private readonly Func<string, int> _limitFor;

    public CoreSampleQuotaService(Func<string, int> limitFor) => _limitFor = limitFor;

    private CoreSampleAllowance For(string tenantId) =>
        Volatile.Read(ref _allowances).GetOrAdd(tenantId, id => new CoreSampleAllowance(id, _limitFor(id)));

    public bool TrySubmit(string tenantId, int samples) => For(tenantId).TryConsume(samples);

    public void Cancelled(string tenantId, int samples) => For(tenantId).Refund(samples);

    public int Remaining(string tenantId) => For(tenantId).Remaining;

    /// <summary>Start of a billing month: every tenant begins again from zero.</summary>
    public void StartNewMonth() =>
        Volatile.Write(ref _allowances, new ConcurrentDictionary<string, CoreSampleAllowance>());
}

public sealed class CoreSampleController
{
    private readonly CoreSampleQuotaService _quotas;

    public CoreSampleController(CoreSampleQuotaService quotas) => _quotas = quotas;

    public async Task<string> SubmitAsync(string tenantId, int samples, Func<Task> sendToLab)
    {
        if (!_quotas.TrySubmit(tenantId, samples))
        {
            return $"Allowance exhausted, {_quotas.Remaining(tenantId)} samples left this month.";
        }
        try
        {
            await sendToLab();
        }
        catch
        {
            _quotas.Cancelled(tenantId, samples);
            throw;
        }
        return "Submitted.";
    }
}
