using Microsoft.Extensions.Hosting;

namespace BakeryChain.Wholesale;

public sealed record WholesaleOrder(int Id, string Branch, string Product, int Trays, DateTime DueUtc);

/// <summary>
/// Open wholesale orders for all branches. Shared by the order API (place/cancel) and the
/// dispatch worker that marks orders as loaded onto vans.
/// </summary>
public sealed class WholesaleOrderBook
{
    private readonly object _ordersLock = new();
    private readonly object _dispatchLock = new();
    private readonly Dictionary<int, WholesaleOrder> _open = new();
    private readonly List<WholesaleOrder> _dispatched = new();

    public void Place(WholesaleOrder order)
    {
        lock (_ordersLock)
        {
            _open.Add(order.Id, order);
        }
    }

    public bool Cancel(int orderId)
    {
        lock (_ordersLock)
        {
            return _open.Remove(orderId);
        }
    }

    public IReadOnlyList<WholesaleOrder> OpenOrders()
    {
        lock (_ordersLock)
        {
            return _open.Values.OrderBy(o => o.DueUtc).ToList();
        }
    }

    public bool MarkDispatched(int orderId)
    {
        lock (_dispatchLock)
        {
            if (_open.Remove(orderId, out var order))
            {
                _dispatched.Add(order);
                return true;
            }
            return false;
        }
    }

    public int DispatchedToday(DateTime todayUtc)
    {
        lock (_dispatchLock)
        {
            return _dispatched.Count(o => o.DueUtc.Date == todayUtc.Date);
        }
    }
}

/// <summary>Reads van loading scans and updates the order book.</summary>
public sealed class DispatchWorker : BackgroundService
{
    private readonly WholesaleOrderBook _book;
    private readonly Func<CancellationToken, Task<int>> _nextLoadedOrderId;

    public DispatchWorker(WholesaleOrderBook book, Func<CancellationToken, Task<int>> nextLoadedOrderId)
    {
        _book = book;
        _nextLoadedOrderId = nextLoadedOrderId;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int orderId = await _nextLoadedOrderId(stoppingToken);
            _book.MarkDispatched(orderId);
        }
    }
}
