using System.Collections.Concurrent;

namespace Blind43.Bookshops.Pricing;

public sealed record PriceQuote(string Isbn, decimal Rrp, decimal TradeDiscount, DateTimeOffset FetchedAt);

public interface IDistributorFeed
{
    Task<PriceQuote> FetchAsync(string isbn, CancellationToken ct);
}

/// <summary>
/// Caches distributor prices for every till in the bookshop chain. Registered as a singleton;
/// a cold ISBN is fetched once even when several tills scan it at the same moment, and quotes
/// expire after a few hours.
/// </summary>
public sealed class DistributorPriceCache
{
    private readonly ConcurrentDictionary<string, PriceQuote> _quotes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetchLocks = new(StringComparer.Ordinal);
    private readonly IDistributorFeed _feed;
    private readonly TimeSpan _maxAge;
    private readonly Func<DateTimeOffset> _now;

    public DistributorPriceCache(IDistributorFeed feed, TimeSpan maxAge, Func<DateTimeOffset> now)
    {
        _feed = feed;
        _maxAge = maxAge;
        _now = now;
    }

    public async Task<PriceQuote> GetAsync(string isbn, CancellationToken ct)
    {
        if (TryGetFresh(isbn, out var cached))
        {
            return cached;
        }

        var fetchLock = _fetchLocks.GetOrAdd(isbn, _ => new SemaphoreSlim(1, 1));
        await fetchLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Another till may have fetched it while we were waiting.
            if (TryGetFresh(isbn, out cached))
            {
                return cached;
            }

            var quote = await FetchWithRetryAsync(isbn, ct).ConfigureAwait(false);
            _quotes[isbn] = quote;
            return quote;
        }
        finally
        {
            fetchLock.Release();
        }
    }

    public decimal TradePrice(PriceQuote quote) => Math.Round(quote.Rrp * (1 - quote.TradeDiscount), 2);

    public int CachedCount => _quotes.Count;

    private bool TryGetFresh(string isbn, out PriceQuote quote)
    {
        if (_quotes.TryGetValue(isbn, out quote!) && _now() - quote.FetchedAt < _maxAge)
        {
            return true;
        }

        quote = null!;
        return false;
    }

    private async Task<PriceQuote> FetchWithRetryAsync(string isbn, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _feed.FetchAsync(isbn, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < 3 && !ct.IsCancellationRequested)
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }
}

/// <summary>Till endpoint: prices a whole basket, looking ISBNs up concurrently.</summary>
public sealed class BasketPricer
{
    private readonly DistributorPriceCache _cache;

    public BasketPricer(DistributorPriceCache cache) => _cache = cache;

    public async Task<decimal> TotalAsync(IReadOnlyList<string> isbns, CancellationToken ct)
    {
        var quotes = await Task.WhenAll(isbns.Select(isbn => _cache.GetAsync(isbn, ct))).ConfigureAwait(false);
        return quotes.Sum(q => q.Rrp);
    }
}
