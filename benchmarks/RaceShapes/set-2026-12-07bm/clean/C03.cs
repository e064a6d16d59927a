namespace Blind65.BonsaiNurseries.Sales;

/// <summary>
/// Per-minute counters for the nursery's online shop (page views, basket adds,
/// completed orders). Request handlers call the Record methods; a timer
/// publishes and resets the counters once a minute.
/// </summary>
public sealed class ShopActivityCounters : IDisposable
{
    private readonly Timer _timer;
    private readonly Action<ShopActivityWindow> _sink;
    private int _views;
    private int _basketAdds;
    private long _orderPence;
    private long _windowStartTicks;

    public ShopActivityCounters(Action<ShopActivityWindow> sink)
    {
        _sink = sink;
        _windowStartTicks = DateTimeOffset.UtcNow.UtcTicks;
        _timer = new Timer(Publish, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public void RecordView() => Interlocked.Increment(ref _views);

    public void RecordBasketAdd() => Interlocked.Increment(ref _basketAdds);

    public void RecordOrder(decimal amount) =>
        Interlocked.Add(ref _orderPence, (long)Math.Round(amount * 100m));

    public int ViewsSoFar => Volatile.Read(ref _views);

    private void Publish(object? state)
    {
        var now = DateTimeOffset.UtcNow.UtcTicks;
        var start = Interlocked.Exchange(ref _windowStartTicks, now);
        var views = Interlocked.Exchange(ref _views, 0);
        var adds = Interlocked.Exchange(ref _basketAdds, 0);
        var pence = Interlocked.Exchange(ref _orderPence, 0);

        _sink(new ShopActivityWindow(new DateTimeOffset(start, TimeSpan.Zero), views, adds, pence / 100m));
    }

    public void Dispose() => _timer.Dispose();
}

public readonly record struct ShopActivityWindow(DateTimeOffset Start, int Views, int BasketAdds, decimal OrderValue);

public sealed class BonsaiProductPage
{
    private readonly ShopActivityCounters _counters;

    public BonsaiProductPage(ShopActivityCounters counters) => _counters = counters;

    public string Render(string species)
    {
        _counters.RecordView();
        return $"<h1>{species}</h1><p>{_counters.ViewsSoFar} views this minute</p>";
    }

    public void AddToBasket(string species)
    {
        _counters.RecordBasketAdd();
    }
}
