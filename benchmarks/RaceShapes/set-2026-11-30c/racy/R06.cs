using System.Collections.Concurrent;

namespace AdventureWorks.Caching
{
    /// <summary>
    /// Small in-memory cache with absolute expiration, registered as a singleton
    /// and used by the catalog controllers on every request. Expired entries are
    /// swept opportunistically from the read path instead of by a timer.
    /// </summary>
    public sealed class ExpiringCache<TKey, TValue> where TKey : notnull
    {
        private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
        private readonly TimeSpan _timeToLive;
        private readonly TimeSpan _sweepInterval;
        private readonly Func<DateTime> _clock;
        private DateTime _lastSweepUtc;

        public ExpiringCache(TimeSpan timeToLive, TimeSpan sweepInterval, Func<DateTime>? clock = null)
        {
            _timeToLive = timeToLive;
            _sweepInterval = sweepInterval;
            _clock = clock ?? (() => DateTime.UtcNow);
            _lastSweepUtc = _clock();
        }

        public int Count => _entries.Count;

        public bool TryGet(TKey key, out TValue value)
        {
            var now = _clock();
            SweepIfDue(now);

            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresUtc > now)
            {
                value = entry.Value;
                return true;
            }

            value = default!;
            return false;
        }

        public TValue GetOrCreate(TKey key, Func<TKey, TValue> factory)
        {
            if (TryGet(key, out var existing))
            {
                return existing;
            }

            var created = factory(key);
            _entries[key] = new Entry(created, _clock() + _timeToLive);
            return created;
        }

        public void Remove(TKey key) => _entries.TryRemove(key, out _);

        private void SweepIfDue(DateTime now)
        {
            if (now - _lastSweepUtc < _sweepInterval)
            {
                return;
            }

            _lastSweepUtc = now;
            foreach (var pair in _entries)
            {
                if (pair.Value.ExpiresUtc <= now)
                {
                    _entries.TryRemove(pair);
                }
            }
        }

        private sealed record Entry(TValue Value, DateTime ExpiresUtc);
    }
}
