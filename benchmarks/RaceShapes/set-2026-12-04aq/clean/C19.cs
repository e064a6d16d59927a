using System.Collections.Concurrent;

namespace Blind43.Bookshops.SupplierQuota;

/// <summary>Rolling order quota for one branch of the bookshop chain.</summary>
internal sealed class BranchQuota
{
    public DateTime WindowStart;
    public int OrdersInWindow;
    public int Rejected;
    public DateTime? BackoffUntil;
}

/// <summary>
/// Enforces the wholesaler's per-branch limit on orders per hour, and backs a branch off after
/// the wholesaler throttles it. Shared by all branches' point-of-sale terminals.
/// </summary>
public sealed class WholesaleOrderLimiter
{
    private readonly ConcurrentDictionary<string, BranchQuota> _quotas = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _ordersPerHour;
    private readonly Func<DateTime> _clock;

    public WholesaleOrderLimiter(int ordersPerHour, Func<DateTime> clock)
    {
        _ordersPerHour = ordersPerHour;
        _clock = clock;
    }

    public bool TryAcquire(string branch)
    {
        var quota = _quotas.GetOrAdd(branch, _ => new BranchQuota { WindowStart = _clock() });
        var now = _clock();
        lock (quota)
        {
            if (quota.BackoffUntil is { } until && now < until)
            {
                quota.Rejected++;
                return false;
            }

            if (now - quota.WindowStart >= TimeSpan.FromHours(1))
            {
                quota.WindowStart = now;
                quota.OrdersInWindow = 0;
            }

            if (quota.OrdersInWindow >= _ordersPerHour)
            {
                quota.Rejected++;
                return false;
            }

            quota.OrdersInWindow++;
            return true;
        }
    }

    /// <summary>Called when the wholesaler answers 429; each repeat doubles the pause up to an hour.</summary>
    public TimeSpan Throttled(string branch)
    {
        var quota = _quotas.GetOrAdd(branch, _ => new BranchQuota { WindowStart = _clock() });
        var now = _clock();
        lock (quota)
        {
            var previous = quota.BackoffUntil is { } until && until > now ? until - now : TimeSpan.FromSeconds(15);
            var pause = TimeSpan.FromTicks(Math.Min(previous.Ticks * 2, TimeSpan.FromHours(1).Ticks));
            quota.BackoffUntil = now + pause;
            return pause;
        }
    }

    public (int Used, int Rejected) Usage(string branch)
    {
        if (!_quotas.TryGetValue(branch, out var quota))
        {
            return (0, 0);
        }

        lock (quota)
        {
            return (quota.OrdersInWindow, quota.Rejected);
        }
    }
}
