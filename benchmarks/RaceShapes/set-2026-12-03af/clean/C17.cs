using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Blind32.Cobbler.Lasts;

public sealed record ShoeLast(string Customer, double LengthMm, double BallGirthMm, string Style);

public interface ILastRepository
{
    Task<ShoeLast> LoadAsync(string customer, CancellationToken cancellationToken);
}

/// <summary>
/// Caches customers' shoe lasts for the cobbler's order system. Entries expire
/// after a while and evictions are tallied by reason so the shop can tune the
/// cache size. Used as a singleton by all order-entry requests.
/// </summary>
public sealed class LastCache
{
    private readonly IMemoryCache _cache;
    private readonly ILastRepository _repository;
    private readonly ConcurrentDictionary<EvictionReason, int> _evictions = new();
    private long _misses;

    public LastCache(IMemoryCache cache, ILastRepository repository)
    {
        _cache = cache;
        _repository = repository;
    }

    public long Misses => Interlocked.Read(ref _misses);

    public IReadOnlyDictionary<EvictionReason, int> Evictions => new Dictionary<EvictionReason, int>(_evictions);

    public async Task<ShoeLast> GetAsync(string customer, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(customer, out ShoeLast? cached) && cached is not null)
            return cached;

        Interlocked.Increment(ref _misses);
        var last = await _repository.LoadAsync(customer, cancellationToken).ConfigureAwait(false);

        var options = new MemoryCacheEntryOptions()
            .SetSlidingExpiration(TimeSpan.FromMinutes(20))
            .SetSize(1)
            .RegisterPostEvictionCallback(OnEvicted);
        _cache.Set(customer, last, options);
        return last;
    }

    public void Forget(string customer) => _cache.Remove(customer);

    private void OnEvicted(object key, object? value, EvictionReason reason, object? state)
    {
        _evictions.AddOrUpdate(reason, 1, static (_, n) => n + 1);
    }
}

/// <summary>Order entry that needs the customer's last to quote a resole.</summary>
public sealed class ResoleQuoteService
{
    private readonly LastCache _lasts;

    public ResoleQuoteService(LastCache lasts) => _lasts = lasts;

    public async Task<decimal> QuoteAsync(string customer, CancellationToken ct)
    {
        var last = await _lasts.GetAsync(customer, ct);
        var basePrice = last.Style == "boot" ? 85m : 60m;
        return last.LengthMm > 290 ? basePrice + 10m : basePrice;
    }
}
