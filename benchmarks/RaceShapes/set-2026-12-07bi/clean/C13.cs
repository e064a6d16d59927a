namespace Blind61.Couriers.Quotes;

public sealed record PriceQuote(string Zone, decimal BasePrice, decimal PerKm, DateTimeOffset ValidUntil);

public interface IPricingApi
{
    Task<PriceQuote> GetZoneQuoteAsync(string zone, CancellationToken ct);
}

/// <summary>
/// Coalesces concurrent zone-price lookups from the courier booking API so that a burst of
/// bookings for the same zone results in one upstream call. Singleton.
/// </summary>
public sealed class ZoneQuoteCoalescer
{
    private readonly IPricingApi _api;
    private readonly object _sync = new();
    private readonly Dictionary<string, Task<PriceQuote>> _inFlight = new(StringComparer.OrdinalIgnoreCase);

    public ZoneQuoteCoalescer(IPricingApi api) => _api = api;

    public Task<PriceQuote> GetAsync(string zone, CancellationToken ct)
    {
        Task<PriceQuote> task;
        lock (_sync)
        {
            if (!_inFlight.TryGetValue(zone, out task!))
            {
                task = FetchAndForgetAsync(zone);
                _inFlight[zone] = task;
            }
        }
        return task.WaitAsync(ct);
    }

    private async Task<PriceQuote> FetchAndForgetAsync(string zone)
    {
        await Task.Yield();
        try
        {
            return await _api.GetZoneQuoteAsync(zone, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            lock (_sync)
            {
                _inFlight.Remove(zone);
            }
        }
    }

    public int InFlightCount
    {
        get { lock (_sync) return _inFlight.Count; }
    }
}

/// <summary>Prices a delivery using the coalesced zone quote.</summary>
public sealed class DeliveryPricer
{
    private readonly ZoneQuoteCoalescer _quotes;

    public DeliveryPricer(ZoneQuoteCoalescer quotes) => _quotes = quotes;

    public async Task<decimal> PriceAsync(string zone, double km, bool cargoBike, CancellationToken ct)
    {
        var quote = await _quotes.GetAsync(zone, ct);
        var price = quote.BasePrice + quote.PerKm * (decimal)km;
        if (cargoBike)
            price *= 1.25m;
        return decimal.Round(price, 2, MidpointRounding.AwayFromZero);
    }
}
