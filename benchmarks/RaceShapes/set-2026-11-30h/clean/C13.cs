using System.Collections.Concurrent;

namespace Blind8.Caching.Sliding;

/// <summary>
/// In-memory cache of rendered fragments with absolute expiry. Expired entries
/// are removed opportunistically: whichever caller first notices the sweep is
/// due claims it, everyone else carries on. Shared by all request threads.
/// </summary>
public sealed class FragmentCache
{
    private readonly ConcurrentDictionary<string, CachedFragment> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _timeToLive;
    private readonly long _sweepIntervalTicks;
    private long _nextSweepTicks;
    private long _hits;
    private long _misses;

    private sealed record CachedFragment(string Html, DateTime ExpiresUtc);

    public FragmentCache(TimeSpan timeToLive, TimeSpan sweepInterval)
    {
        _timeToLive = timeToLive;
        _sweepIntervalTicks = sweepInterval.Ticks;
        _nextSweepTicks = DateTime.UtcNow.Ticks + _sweepIntervalTicks;
    }

    public (long Hits, long Misses, int Entries) Statistics =>
        (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), _entries.Count);

    public string GetOrRender(string key, Func<string, string> render)
    {
        var now = DateTime.UtcNow;
        SweepIfDue(now);

        if (_entries.TryGetValue(key, out var cached) && cached.ExpiresUtc > now)
        {
            Interlocked.Increment(ref _hits);
            return cached.Html;
        }

        Interlocked.Increment(ref _misses);
        var html = render(key);
        _entries[key] = new CachedFragment(html, now + _timeToLive);
        return html;
    }

    public void Invalidate(string key) => _entries.TryRemove(key, out _);

    private void SweepIfDue(DateTime now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.Ticks < due)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _nextSweepTicks, now.Ticks + _sweepIntervalTicks, due) != due)
        {
            return; // another request already claimed this sweep
        }

        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresUtc <= now)
            {
                _entries.TryRemove(pair);
            }
        }
    }
}
