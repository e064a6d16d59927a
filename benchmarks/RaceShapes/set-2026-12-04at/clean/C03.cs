using System.Collections.Concurrent;

namespace Blind46.ClockRestoration.Parts;

public sealed record EscapementPart(string PartNumber, string Description, decimal Price, int InStock);

/// <summary>
/// Sliding-expiration cache of spare-part records for the restoration workshop's
/// quoting tool. One instance serves every quoting request; a timer sweeps idle entries.
/// </summary>
public sealed class PartCatalogCache : IDisposable
{
    private sealed class Entry
    {
        private long _lastAccessTicks;

        public Entry(EscapementPart part, long nowTicks)
        {
            Part = part;
            _lastAccessTicks = nowTicks;
        }

        public EscapementPart Part { get; }

        public long LastAccessTicks => Volatile.Read(ref _lastAccessTicks);

        public void Touch(long nowTicks) => Interlocked.Exchange(ref _lastAccessTicks, nowTicks);
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _idleLimit;
    private readonly Timer _sweeper;

    public PartCatalogCache(TimeSpan idleLimit)
    {
        _idleLimit = idleLimit;
        _sweeper = new Timer(_ => Sweep(), null, idleLimit, idleLimit);
    }

    public void Put(EscapementPart part) =>
        _entries[part.PartNumber] = new Entry(part, DateTime.UtcNow.Ticks);

    public bool TryGet(string partNumber, out EscapementPart? part)
    {
        if (_entries.TryGetValue(partNumber, out var entry))
        {
            entry.Touch(DateTime.UtcNow.Ticks);
            part = entry.Part;
            return true;
        }

        part = null;
        return false;
    }

    public EscapementPart GetOrLoad(string partNumber, Func<string, EscapementPart> load)
    {
        if (TryGet(partNumber, out var cached))
            return cached!;

        var entry = _entries.GetOrAdd(partNumber, key => new Entry(load(key), DateTime.UtcNow.Ticks));
        entry.Touch(DateTime.UtcNow.Ticks);
        return entry.Part;
    }

    private void Sweep()
    {
        long cutoff = DateTime.UtcNow.Ticks - _idleLimit.Ticks;
        foreach (var pair in _entries)
        {
            if (pair.Value.LastAccessTicks < cutoff)
            {
                _entries.TryRemove(pair);
            }
        }
    }

    public int Count => _entries.Count;

    public void Dispose() => _sweeper.Dispose();
}
