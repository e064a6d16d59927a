namespace Blind31.HarpMakers.Orders;

public sealed record StringingPlan(Guid OrderId, string Customer, int StringCount, string Tuning, DateTime UpdatedUtc);

/// <summary>
/// In-memory store of harp stringing plans for the workshop's order portal. Shared by all
/// requests; reads vastly outnumber updates.
/// </summary>
public sealed class StringingPlanStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<Guid, StringingPlan> _plans = new();

    public StringingPlan? Find(Guid orderId)
    {
        _lock.EnterReadLock();
        try
        {
            return _plans.TryGetValue(orderId, out var plan) ? plan : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<StringingPlan> ForCustomer(string customer)
    {
        _lock.EnterReadLock();
        try
        {
            return _plans.Values.Where(p => p.Customer == customer).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Save(StringingPlan plan)
    {
        _lock.EnterWriteLock();
        try
        {
            _plans[plan.OrderId] = plan;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Changes the tuning only if the plan exists and actually differs.</summary>
    public bool Retune(Guid orderId, string tuning)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_plans.TryGetValue(orderId, out var plan) || plan.Tuning == tuning)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _plans[orderId] = plan with { Tuning = tuning, UpdatedUtc = DateTime.UtcNow };
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return true;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
