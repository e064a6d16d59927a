namespace Pharmacy.Reorders;

public sealed record StockLevel(string Sku, string Name, int OnHand, int ReorderPoint, int ReorderQuantity);

public interface IStockSource
{
    IReadOnlyList<StockLevel> CurrentLevels();
}

public interface IWholesalerClient
{
    void PlaceOrder(string sku, int quantity);
}

/// <summary>
/// Checks dispensary stock every minute and raises wholesaler orders for lines below their
/// reorder point. The pharmacist can also trigger a check from the till screen.
/// </summary>
public sealed class ReorderMonitor : IDisposable
{
    private static readonly TimeSpan MinimumGapBetweenOrders = TimeSpan.FromHours(4);

    private readonly IStockSource _stock;
    private readonly IWholesalerClient _wholesaler;
    private readonly Dictionary<string, DateTime> _lastOrderedUtc = new(StringComparer.Ordinal);
    private readonly Timer _timer;
    private int _checkRunning;

    public ReorderMonitor(IStockSource stock, IWholesalerClient wholesaler)
    {
        _stock = stock;
        _wholesaler = wholesaler;
        _timer = new Timer(_ => TryRunCheck(), null, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));
    }

    /// <summary>Returns false if a check was already in progress.</summary>
    public bool TryRunCheck()
    {
        if (Interlocked.CompareExchange(ref _checkRunning, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            RunCheck(DateTime.UtcNow);
            return true;
        }
        finally
        {
            Volatile.Write(ref _checkRunning, 0);
        }
    }

    private void RunCheck(DateTime nowUtc)
    {
        foreach (var line in _stock.CurrentLevels())
        {
            if (line.OnHand > line.ReorderPoint)
            {
                continue;
            }

            if (_lastOrderedUtc.TryGetValue(line.Sku, out var last) && nowUtc - last < MinimumGapBetweenOrders)
            {
                continue;
            }

            _wholesaler.PlaceOrder(line.Sku, line.ReorderQuantity);
            _lastOrderedUtc[line.Sku] = nowUtc;
        }
    }

    public void Dispose() => _timer.Dispose();
}
