namespace Blind56.SkateShop.Stock;

public sealed class StockLevelChangedEventArgs : EventArgs
{
    public StockLevelChangedEventArgs(string sku, int quantity)
    {
        Sku = sku;
        Quantity = quantity;
    }

    public string Sku { get; }
    public int Quantity { get; }
}

public interface ISupplierStockApi
{
    Task<IReadOnlyDictionary<string, int>> GetLevelsAsync(CancellationToken cancellationToken);
}

/// <summary>Polls the distributor's stock API and raises StockChanged for each deck, truck and wheel set that moved.</summary>
public sealed class SupplierStockFeed : IDisposable
{
    private readonly ISupplierStockApi _api;
    private readonly CancellationTokenSource _cts = new();
    private readonly Dictionary<string, int> _lastSeen = new();

    public SupplierStockFeed(ISupplierStockApi api) => _api = api;

    public event EventHandler<StockLevelChangedEventArgs>? StockChanged;

    public void Start(TimeSpan interval) => _ = Task.Run(() => PollLoopAsync(interval, _cts.Token));

    private async Task PollLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var levels = await _api.GetLevelsAsync(ct).ConfigureAwait(false);
            foreach (var (sku, quantity) in levels)
            {
                if (!_lastSeen.TryGetValue(sku, out var previous) || previous != quantity)
                {
                    _lastSeen[sku] = quantity;
                    StockChanged?.Invoke(this, new StockLevelChangedEventArgs(sku, quantity));
                }
            }
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    public void Dispose() => _cts.Cancel();
}

/// <summary>
/// Backs the "low stock" panel on the shop till. The reorder button on the till
/// calls BuildReorderList.
/// </summary>
public sealed class LowStockViewModel
{
    private readonly int _threshold;
    private readonly List<string> _lowStockSkus = new();

    public LowStockViewModel(SupplierStockFeed feed, int threshold)
    {
        _threshold = threshold;
        feed.StockChanged += OnStockChanged;
        feed.Start(TimeSpan.FromMinutes(1));
    }

    private void OnStockChanged(object? sender, StockLevelChangedEventArgs e)
    {
        if (e.Quantity < _threshold)
        {
            if (!_lowStockSkus.Contains(e.Sku))
            {
                _lowStockSkus.Add(e.Sku);
            }
        }
        else
        {
            _lowStockSkus.Remove(e.Sku);
        }
    }

    public IReadOnlyList<string> BuildReorderList()
    {
        return _lowStockSkus
            .OrderBy(sku => sku, StringComparer.Ordinal)
            .ToList();
    }
}
