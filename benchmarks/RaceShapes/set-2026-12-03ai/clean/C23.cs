using System.Collections.Concurrent;

namespace Blind35.CuckooClocks.Parts;

public sealed record PartDrawing(string PartNumber, byte[] Pdf, int Revision);

public interface IDrawingStore
{
    Task<PartDrawing> LoadAsync(string partNumber, CancellationToken ct);
}

/// <summary>
/// Caches part drawings for the clock workshop. Registered as a singleton and called from
/// every bench terminal request. Concurrent misses for the same part share one load.
/// </summary>
public sealed class PartDrawingCache
{
    private sealed class Entry
    {
        private long _hits;

        public Entry(Lazy<Task<PartDrawing>> load, DateTime expiresAt)
        {
            Load = load;
            ExpiresAt = expiresAt;
        }

        public Lazy<Task<PartDrawing>> Load { get; }
        public DateTime ExpiresAt { get; }
        public long Hits => Interlocked.Read(ref _hits);
        public void Hit() => Interlocked.Increment(ref _hits);
    }

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDrawingStore _store;

    public PartDrawingCache(IDrawingStore store) => _store = store;

    public async Task<PartDrawing> GetAsync(string partNumber, CancellationToken ct)
    {
        while (true)
        {
            var entry = _entries.GetOrAdd(partNumber, key => new Entry(
                new Lazy<Task<PartDrawing>>(() => _store.LoadAsync(key, CancellationToken.None)),
                DateTime.UtcNow + Lifetime));

            if (entry.ExpiresAt <= DateTime.UtcNow || entry.Load.Value.IsFaulted)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(partNumber, entry));
                continue;
            }

            entry.Hit();
            return await entry.Load.Value.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public long HitCount(string partNumber) =>
        _entries.TryGetValue(partNumber, out var entry) ? entry.Hits : 0;

    public void TrimTo(int limit)
    {
        var excess = _entries.Count - limit;
        if (excess <= 0)
        {
            return;
        }

        foreach (var kv in _entries.ToArray().OrderBy(kv => kv.Value.Hits).Take(excess))
        {
            _entries.TryRemove(kv);
        }
    }
}
