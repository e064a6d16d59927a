using System.Collections.Concurrent;

namespace Northwind.Web.Caching.Products;

public sealed record ProductDetails(string Sku, string Name, decimal Price);

public interface IProductCatalogClient
{
    Task<ProductDetails?> GetAsync(string sku, CancellationToken cancellationToken);
}

/// <summary>
/// Short-lived product cache registered as a singleton. Entries are immutable and replaced
/// wholesale; expired entries are removed only if they have not been replaced meanwhile.
/// </summary>
public sealed class ProductCache
{
    private sealed record Entry(ProductDetails Product, DateTimeOffset ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly IProductCatalogClient _client;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _ttl;
    private long _hits;
    private long _misses;

    public ProductCache(IProductCatalogClient client, TimeProvider clock, TimeSpan ttl)
    {
        _client = client;
        _clock = clock;
        _ttl = ttl;
    }

    public (long Hits, long Misses) Stats => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    public async Task<ProductDetails?> GetAsync(string sku, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(sku, out var entry) && entry.ExpiresAt > _clock.GetUtcNow())
        {
            Interlocked.Increment(ref _hits);
            return entry.Product;
        }

        Interlocked.Increment(ref _misses);
        var product = await _client.GetAsync(sku, cancellationToken).ConfigureAwait(false);
        if (product is null)
        {
            return null;
        }

        var fresh = new Entry(product, _clock.GetUtcNow() + _ttl);
        _entries.AddOrUpdate(sku, fresh, (_, existing) => existing.ExpiresAt > fresh.ExpiresAt ? existing : fresh);
        return product;
    }

    public void UpdatePrice(string sku, decimal newPrice)
    {
        while (_entries.TryGetValue(sku, out var existing))
        {
            var updated = existing with { Product = existing.Product with { Price = newPrice } };
            if (_entries.TryUpdate(sku, updated, existing))
            {
                return;
            }
        }
    }

    public int RemoveExpired()
    {
        var now = _clock.GetUtcNow();
        int removed = 0;
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now && _entries.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }
}
