using System.Collections.Concurrent;

namespace AdventureWorks.Caching.Sliding
{
    /// <summary>
    /// Singleton lookup cache for product prices. Expired entries are removed from
    /// the read path at most once per sweep interval.
    /// </summary>
    public sealed class PriceCache
    {
        private readonly ConcurrentDictionary<string, CachedPrice> _prices = new(StringComparer.OrdinalIgnoreCase);
        private readonly long _ttlTicks;
        private readonly long _sweepIntervalTicks;
        private long _nextSweepTicks;

        public PriceCache(TimeSpan ttl, TimeSpan sweepInterval)
        {
            _ttlTicks = ttl.Ticks;
            _sweepIntervalTicks = sweepInterval.Ticks;
            _nextSweepTicks = DateTime.UtcNow.Ticks + _sweepIntervalTicks;
        }

        public bool TryGetPrice(string sku, out decimal price)
        {
            var nowTicks = DateTime.UtcNow.Ticks;
            MaybeSweep(nowTicks);

            if (_prices.TryGetValue(sku, out var cached) && cached.ExpiresTicks > nowTicks)
            {
                price = cached.Price;
                return true;
            }

            price = 0;
            return false;
        }

        public void SetPrice(string sku, decimal price)
        {
            _prices[sku] = new CachedPrice(price, DateTime.UtcNow.Ticks + _ttlTicks);
        }

        private void MaybeSweep(long nowTicks)
        {
            var due = Interlocked.Read(ref _nextSweepTicks);
            if (nowTicks < due)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _nextSweepTicks, nowTicks + _sweepIntervalTicks, due) != due)
            {
                return;
            }

            foreach (var pair in _prices)
            {
                if (pair.Value.ExpiresTicks <= nowTicks)
                {
                    _prices.TryRemove(pair);
                }
            }
        }

        private sealed record CachedPrice(decimal Price, long ExpiresTicks);
    }
}
