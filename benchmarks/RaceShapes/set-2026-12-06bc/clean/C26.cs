namespace Blind55.Clean.C26;

/// <summary>Open/high/low/close summary of auction ticks for one fish market window.</summary>
public sealed class TickWindow
{
    public TickWindow(DateTime openedAt) => OpenedAt = openedAt;

    public DateTime OpenedAt { get; }
    public decimal Open { get; internal set; }
    public decimal High { get; internal set; }
    public decimal Low { get; internal set; }
    public decimal Close { get; internal set; }
    public long Kilos { get; internal set; }
    public int Ticks { get; internal set; }
}

/// <summary>
/// Aggregates price ticks coming from the auction floor clocks. The clocks push ticks from their
/// own receive loops; the report job calls <see cref="Roll"/> once a minute and keeps the closed window.
/// </summary>
public sealed class AuctionPriceAggregator
{
    private readonly object _sync = new();
    private TickWindow _window = new(DateTime.UtcNow);

    public void OnTick(decimal pricePerKilo, long kilos)
    {
        lock (_sync)
        {
            var w = _window;
            if (w.Ticks == 0)
            {
                w.Open = w.High = w.Low = pricePerKilo;
            }
            else
            {
                if (pricePerKilo > w.High) w.High = pricePerKilo;
                if (pricePerKilo < w.Low) w.Low = pricePerKilo;
            }

            w.Close = pricePerKilo;
            w.Kilos += kilos;
            w.Ticks++;
        }
    }

    /// <summary>Closes the current window and starts a new one.</summary>
    public TickWindow Roll()
    {
        lock (_sync)
        {
            var closed = _window;
            _window = new TickWindow(DateTime.UtcNow);
            return closed;
        }
    }

    public (decimal Last, long Kilos) Peek()
    {
        lock (_sync)
        {
            return (_window.Close, _window.Kilos);
        }
    }
}

public sealed class AuctionFloorFeed
{
    private readonly AuctionPriceAggregator _aggregator = new();
    private readonly List<TickWindow> _history = new();

    public async Task<IReadOnlyList<TickWindow>> RunAsync(IReadOnlyList<IAsyncEnumerable<(decimal Price, long Kilos)>> clocks, CancellationToken ct)
    {
        var readers = clocks.Select(clock => Task.Run(async () =>
        {
            await foreach (var (price, kilos) in clock.WithCancellation(ct))
            {
                _aggregator.OnTick(price, kilos);
            }
        }, ct)).ToList();

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                _history.Add(_aggregator.Roll());
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(readers).ContinueWith(_ => { }, TaskScheduler.Default);
        return _history;
    }
}
