using System.Collections.Concurrent;

namespace Blind35.CuckooClocks.Diagrams;

public sealed record MovementDiagram(string MovementCode, byte[] Svg, int Revision);

public interface IDiagramRepository
{
    Task<MovementDiagram> LoadAsync(string movementCode, CancellationToken ct);
}

/// <summary>
/// Caches movement diagrams for the workshop's bench terminals. Registered as a singleton;
/// every terminal request goes through <see cref="GetAsync"/>. Entries expire after an hour
/// and the least used ones are dropped when the cache grows past its limit.
/// </summary>
public sealed class MovementDiagramCache
{
    private sealed class Entry
    {
        public Entry(MovementDiagram value, DateTime expiresAt)
        {
            Value = value;
            ExpiresAt = expiresAt;
        }

        public MovementDiagram Value { get; }
        public DateTime ExpiresAt { get; }
        public int Hits;
    }

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDiagramRepository _repository;
    private readonly int _limit;

    public MovementDiagramCache(IDiagramRepository repository, int limit = 200)
    {
        _repository = repository;
        _limit = limit;
    }

    public async ValueTask<MovementDiagram> GetAsync(string movementCode, CancellationToken ct)
    {
        if (_entries.TryGetValue(movementCode, out var entry) && entry.ExpiresAt > DateTime.UtcNow)
        {
            entry.Hits++;
            return entry.Value;
        }

        var loaded = await _repository.LoadAsync(movementCode, ct);
        _entries[movementCode] = new Entry(loaded, DateTime.UtcNow + Lifetime);

        if (_entries.Count > _limit)
        {
            Trim();
        }

        return loaded;
    }

    public int HitCount(string movementCode) =>
        _entries.TryGetValue(movementCode, out var entry) ? Volatile.Read(ref entry.Hits) : 0;

    private void Trim()
    {
        var victims = _entries
            .OrderBy(kv => Volatile.Read(ref kv.Value.Hits))
            .Take(_entries.Count - _limit)
            .Select(kv => kv.Key)
            .ToList();

        foreach (var key in victims)
        {
            _entries.TryRemove(key, out _);
        }
    }
}
