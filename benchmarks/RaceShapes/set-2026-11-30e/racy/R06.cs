namespace Northwind.Web.Caching;

public interface IExchangeRateProvider
{
    Task<decimal> FetchRateAsync(string fromCurrency, string toCurrency, CancellationToken cancellationToken);
}

/// <summary>
/// Caches exchange rates for a few minutes so that pricing pages don't hit the rate provider
/// on every request. Registered as a singleton in the DI container.
/// </summary>
public sealed class ExchangeRateCache
{
    private sealed record CacheEntry(decimal Rate, DateTimeOffset ExpiresAt);

    private readonly Dictionary<string, CacheEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _sync = new();
    private readonly IExchangeRateProvider _provider;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeToLive;

    public ExchangeRateCache(IExchangeRateProvider provider, TimeProvider clock, TimeSpan timeToLive)
    {
        _provider = provider;
        _clock = clock;
        _timeToLive = timeToLive;
    }

    public async Task<decimal> GetRateAsync(string fromCurrency, string toCurrency, CancellationToken cancellationToken)
    {
        var key = fromCurrency + "/" + toCurrency;
        if (TryGetFresh(key, out var cached))
        {
            return cached;
        }

        var rate = await _provider.FetchRateAsync(fromCurrency, toCurrency, cancellationToken).ConfigureAwait(false);

        lock (_sync)
        {
            _entries[key] = new CacheEntry(rate, _clock.GetUtcNow() + _timeToLive);
        }

        return rate;
    }

    public void Invalidate(string fromCurrency, string toCurrency)
    {
        lock (_sync)
        {
            _entries.Remove(fromCurrency + "/" + toCurrency);
        }
    }

    /// <summary>Called by the maintenance job every few minutes.</summary>
    public int PurgeExpired()
    {
        var now = _clock.GetUtcNow();
        lock (_sync)
        {
            var expired = _entries.Where(kv => kv.Value.ExpiresAt <= now).Select(kv => kv.Key).ToList();
            foreach (var key in expired)
            {
                _entries.Remove(key);
            }

            return expired.Count;
        }
    }

    private bool TryGetFresh(string key, out decimal rate)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > _clock.GetUtcNow())
        {
            rate = entry.Rate;
            return true;
        }

        rate = 0m;
        return false;
    }
}
