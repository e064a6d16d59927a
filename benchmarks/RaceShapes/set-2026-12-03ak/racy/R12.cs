namespace Blind37.StainedGlass.Previews;

/// <summary>
/// Keeps the most recently rendered lead-came previews for the studio's design tool.
/// Shared by every designer session; previews are looked up far more often than they are
/// rendered.
/// </summary>
public sealed class PanelPreviewCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, LinkedListNode<PreviewEntry>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<PreviewEntry> _recency = new();
    private readonly int _capacity;

    public PanelPreviewCache(int capacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }
        _capacity = capacity;
    }

    public bool TryGet(string designKey, out byte[] png)
    {
        _lock.EnterReadLock();
        try
        {
            if (_map.TryGetValue(designKey, out var node))
            {
                // Move to the front so the least recently viewed preview is evicted first.
                _recency.Remove(node);
                _recency.AddFirst(node);
                png = node.Value.Png;
                return true;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        png = Array.Empty<byte>();
        return false;
    }

    public void Add(string designKey, byte[] png)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_map.TryGetValue(designKey, out var existing))
            {
                _recency.Remove(existing);
                _map.Remove(designKey);
            }

            var node = _recency.AddFirst(new PreviewEntry(designKey, png));
            _map[designKey] = node;

            while (_map.Count > _capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _map.Remove(oldest.Value.Key);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _map.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();

    private sealed record PreviewEntry(string Key, byte[] Png);
}

/// <summary>Renders a preview on a miss and caches it.</summary>
public sealed class PanelPreviewService
{
    private readonly PanelPreviewCache _cache;
    private readonly Func<string, CancellationToken, Task<byte[]>> _render;

    public PanelPreviewService(PanelPreviewCache cache, Func<string, CancellationToken, Task<byte[]>> render)
    {
        _cache = cache;
        _render = render;
    }

    public async Task<byte[]> GetPreviewAsync(string designKey, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(designKey, out var png))
        {
            return png;
        }

        png = await _render(designKey, cancellationToken).ConfigureAwait(false);
        _cache.Add(designKey, png);
        return png;
    }
}
