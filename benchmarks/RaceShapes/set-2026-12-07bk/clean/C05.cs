using System.Collections.Concurrent;

namespace Blind63.PeatCutting.Turbary;

public sealed class TurbaryAllowance
{
    private long _usedSods;

    public TurbaryAllowance(long allowanceSods) => AllowanceSods = allowanceSods;

    public long AllowanceSods { get; }

    public long UsedSods => Interlocked.Read(ref _usedSods);

    public bool TryTake(long sods)
    {
        while (true)
        {
            long used = Interlocked.Read(ref _usedSods);
            long next = used + sods;
            if (next > AllowanceSods)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _usedSods, next, used) == used)
            {
                return true;
            }
        }
    }

    public void Give(long sods) => Interlocked.Add(ref _usedSods, -sods);
}

/// <summary>
/// Turbary rights ledger: how many sods each commoner may cut this season.
/// Registered as a singleton and called from the commoners' app endpoints.
/// </summary>
public sealed class TurbaryLedger
{
    private readonly ConcurrentDictionary<string, TurbaryAllowance> _allowances = new();
    private readonly Func<string, long> _rightsLookup;

    public TurbaryLedger(Func<string, long> rightsLookup) => _rightsLookup = rightsLookup;

    private TurbaryAllowance For(string commonerId) =>
        _allowances.GetOrAdd(commonerId, id => new TurbaryAllowance(_rightsLookup(id)));

    public bool TryCut(string commonerId, long sods) => For(commonerId).TryTake(sods);

    public void Correct(string commonerId, long sodsReturned) => For(commonerId).Give(sodsReturned);

    public long Remaining(string commonerId)
    {
        var a = For(commonerId);
        return a.AllowanceSods - a.UsedSods;
    }

    public IReadOnlyDictionary<string, long> UsageReport() =>
        _allowances.ToDictionary(kv => kv.Key, kv => kv.Value.UsedSods);
}
