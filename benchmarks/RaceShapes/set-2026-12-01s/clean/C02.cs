using System.Collections.Concurrent;

namespace PawnCounter.Pricing;

public sealed record PricedItem(string Sku, string Category, string Brand, string Model, int ConditionGrade);

public sealed record ItemQuote(string Sku, decimal LoanOffer, decimal BuyOutright);

public interface IAuctionPriceFeed
{
    Task<decimal> GetMedianSoldPriceAsync(string category, string brand, string model, CancellationToken ct);
}

/// <summary>
/// Quotes counter intake. Registered as a singleton; the median lookup for each model
/// is fetched once and shared by all requests that need it.
/// </summary>
public sealed class QuoteService
{
    private readonly ConcurrentDictionary<string, Lazy<Task<decimal>>> _medians = new(StringComparer.OrdinalIgnoreCase);
    private readonly IAuctionPriceFeed _feed;

    public QuoteService(IAuctionPriceFeed feed)
    {
        _feed = feed;
    }

    public async Task<IReadOnlyList<ItemQuote>> QuoteLotAsync(IReadOnlyList<PricedItem> items, CancellationToken ct)
    {
        var quotes = new ItemQuote[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, token) =>
            {
                var item = items[i];
                decimal median = await GetMedianAsync(item, token);
                quotes[i] = Quote(item, median);
            });
        return quotes;
    }

    private Task<decimal> GetMedianAsync(PricedItem item, CancellationToken ct)
    {
        string key = $"{item.Category}|{item.Brand}|{item.Model}";
        var lazy = _medians.GetOrAdd(key, _ => new Lazy<Task<decimal>>(
            () => _feed.GetMedianSoldPriceAsync(item.Category, item.Brand, item.Model, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value.WaitAsync(ct);
    }

    public void Forget(string category, string brand, string model) =>
        _medians.TryRemove($"{category}|{brand}|{model}", out _);

    private static ItemQuote Quote(PricedItem item, decimal median)
    {
        decimal factor = item.ConditionGrade switch
        {
            >= 5 => 0.95m,
            4 => 0.80m,
            3 => 0.60m,
            _ => 0.30m,
        };
        decimal resale = median * factor;
        return new ItemQuote(item.Sku, Math.Floor(resale * 0.35m), Math.Floor(resale * 0.50m));
    }
}
