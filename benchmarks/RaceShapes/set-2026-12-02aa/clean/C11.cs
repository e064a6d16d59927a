namespace Blind27.Forges.Orders;

public sealed record ForgeOrder(string OrderId, string Item, int Quantity, string Status);

/// <summary>
/// Order book for the forge: the hammer stations update order status while the shop
/// display and customer portal read it constantly. Shared by all request threads.
/// </summary>
public sealed class ForgeOrderBook : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, ForgeOrder> _orders = new();

    public void Upsert(ForgeOrder order)
    {
        _lock.EnterWriteLock();
        try
        {
            _orders[order.OrderId] = order;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool TryAdvance(string orderId, string expectedStatus, string nextStatus)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_orders.TryGetValue(orderId, out var order) || order.Status != expectedStatus)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _orders[orderId] = order with { Status = nextStatus };
                return true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public ForgeOrder? Find(string orderId)
    {
        _lock.EnterReadLock();
        try
        {
            return _orders.TryGetValue(orderId, out var order) ? order : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<ForgeOrder> ByStatus(string status)
    {
        _lock.EnterReadLock();
        try
        {
            return _orders.Values.Where(o => o.Status == status).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
