using System.Collections.Concurrent;

namespace Blind66.SaffronGrowers.Grading;

/// <summary>Lab-grading allowance of one cooperative member for the current hour.</summary>
public sealed class TenantQuota
{
    private long _used;

    public TenantQuota(string tenantId, long limit)
    {
        TenantId = tenantId;
        Limit = limit;
    }

    public string TenantId { get; }

    public long Limit { get; }

    public long Used => Interlocked.Read(ref _used);

    public bool TryConsume(long samples)
    {
        if (samples <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samples));
        }

        while (true)
        {
            var used = Interlocked.Read(ref _used);
            if (used + samples > Limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, used + samples, used) == used)
            {
                return true;
            }
        }
    }

    internal long Reset() => Interlocked.Exchange(ref _used, 0);
}

/// <summary>
/// Per-member quota for the saffron stigma grading lab (crocin / safranal assays).
/// Registered as a singleton; the submission endpoint consults it for every batch and a
/// timer clears the allowances at the top of each hour.
/// </summary>
public sealed class GradingQuotaTracker : IDisposable
{
    private readonly ConcurrentDictionary<string, TenantQuota> _quotas = new(StringComparer.Ordinal);
    private readonly Func<string, long> _limitFor;
    private readonly Timer _resetTimer;
    private long _rejected;

    public GradingQuotaTracker(Func<string, long> limitFor, TimeSpan resetEvery)
    {
        _limitFor = limitFor;
        _resetTimer = new Timer(_ => ResetAll(), null, resetEvery, resetEvery);
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    public bool TrySubmit(string tenantId, int samples)
    {
        var quota = _quotas.GetOrAdd(tenantId, id => new TenantQuota(id, _limitFor(id)));
        if (quota.TryConsume(samples))
        {
            return true;
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    public (long Used, long Limit) Usage(string tenantId) =>
        _quotas.TryGetValue(tenantId, out var q) ? (q.Used, q.Limit) : (0, _limitFor(tenantId));

    private void ResetAll()
    {
        foreach (var quota in _quotas.Values)
        {
            quota.Reset();
        }
    }

    public void Dispose() => _resetTimer.Dispose();
}
