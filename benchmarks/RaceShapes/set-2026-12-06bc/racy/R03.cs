namespace Blind55.Racy.R03;

/// <summary>Open/high/low/close summary of auction ticks for one fish market window.</summary>
public sealed class TickWindow
{
    public TickWindow(DateTime openedAt) => OpenedAt = openedAt;

    public DateTime OpenedAt { get; }
    public decimal Open;
    public decimal High;
    public decimal Low;
    public decimal Close;
    public long Kilos;
    public int Ticks;
}

/// <summary>
/// Aggregates price ticks coming from the auction floor clocks. The clocks push ticks from
/// their own receive loops; the report job calls <see cref="Roll"/> once a minute.
/// </summary>
public sealed class AuctionPriceAggregator
{
    private TickWindow _window = new(DateTime.UtcNow);

    public void OnTick(decimal pricePerKilo, long kilos)
    {
        lock (_window)
        {
            if (_window.Ticks == 0)
            {
                _window.Open = pricePerKilo;
                _window.High = pricePerKilo;
                _window.Low = pricePerKilo;
            }
            else
            {
                if (pricePerKilo > _window.High) _window.High = pricePerKilo;
                if (pricePerKilo < _window.Low) _window.Low = pricePerKilo;
            }

            _window.Close = pricePerKilo;
            _window.Kilos += kilos;
            _window.Ticks++;
        }
    }

    /// <summary>Closes the current window and starts a new one.</summary>
    public TickWindow Roll()
    {
        lock (_window)
        {
            var closed = _window;
            _window = new TickWindow(DateTime.UtcNow);
            return closed;
        }
    }
}

public sealed class AuctionFloorFeed
{
    private readonly AuctionPriceAggregator _aggregator = new();
    private readonly List<TickWindow> _history = new();

    public async Task RunAsync(IReadOnlyList<IAsyncEnumerable<(decimal Price, long Kilos)>> clocks, CancellationToken ct)
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
    }
}
