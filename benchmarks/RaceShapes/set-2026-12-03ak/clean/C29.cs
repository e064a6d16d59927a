using System.Collections.Immutable;

namespace Blind37.HeritageRailway.Fares;

public sealed record FareQuote(string From, string To, string Ticket, decimal Price, DateTime ExpiresUtc);

/// <summary>
/// Caches fare quotes from the booking engine for the ticket office and the website.
/// Quotes expire after a few minutes because special-event pricing changes during the
/// day.
/// </summary>
public sealed class FareQuoteCache
{
    private ImmutableDictionary<(string From, string To, string Ticket), FareQuote> _quotes =
        ImmutableDictionary<(string, string, string), FareQuote>.Empty;

    private readonly TimeSpan _lifetime;

    public FareQuoteCache(TimeSpan lifetime) => _lifetime = lifetime;

    public int Count => Volatile.Read(ref _quotes).Count;

    public bool TryGet(string from, string to, string ticket, out FareQuote? quote)
    {
        if (Volatile.Read(ref _quotes).TryGetValue((from, to, ticket), out var found) && found.ExpiresUtc > DateTime.UtcNow)
        {
            quote = found;
            return true;
        }

        quote = null;
        return false;
    }

    public FareQuote Put(string from, string to, string ticket, decimal price)
    {
        var quote = new FareQuote(from, to, ticket, price, DateTime.UtcNow + _lifetime);
        ImmutableInterlocked.AddOrUpdate(ref _quotes, (from, to, ticket), quote, (_, _) => quote);
        return quote;
    }

    /// <summary>Removes expired quotes; returns how many were dropped.</summary>
    public int Sweep()
    {
        while (true)
        {
            var now = DateTime.UtcNow;
            var current = Volatile.Read(ref _quotes);
            var expired = current.Where(p => p.Value.ExpiresUtc <= now).Select(p => p.Key).ToList();
            if (expired.Count == 0)
            {
                return 0;
            }

            var pruned = current.RemoveRange(expired);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _quotes, pruned, current), current))
            {
                return expired.Count;
            }
            // Another writer got in first; look again at what is there now.
        }
    }

    public void Clear() => Interlocked.Exchange(ref _quotes, ImmutableDictionary<(string, string, string), FareQuote>.Empty);
}

/// <summary>Quotes fares, hitting the booking engine only on a cache miss.</summary>
public sealed class FareQuoteService : IDisposable
{
    private readonly FareQuoteCache _cache;
    private readonly Func<string, string, string, CancellationToken, Task<decimal>> _priceFromEngine;
    private readonly Timer _sweeper;

    public FareQuoteService(FareQuoteCache cache, Func<string, string, string, CancellationToken, Task<decimal>> priceFromEngine)
    {
        _cache = cache;
        _priceFromEngine = priceFromEngine;
        _sweeper = new Timer(_ => _cache.Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public async Task<FareQuote> QuoteAsync(string from, string to, string ticket, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(from, to, ticket, out var cached) && cached is not null)
        {
            return cached;
        }

        var price = await _priceFromEngine(from, to, ticket, cancellationToken).ConfigureAwait(false);
        return _cache.Put(from, to, ticket, price);
    }

    public void Dispose() => _sweeper.Dispose();
}
