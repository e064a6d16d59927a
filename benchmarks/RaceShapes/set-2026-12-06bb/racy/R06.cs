namespace Blind54.DriveIn.Posters;

/// <summary>
/// Keeps the most recently used film poster thumbnails in memory for the drive-in's website.
/// One instance per application; the showtimes pages and the in-car ordering screens read
/// from it on every request, and the poster renderer adds new entries.
/// </summary>
public sealed class PosterThumbnailCache : IDisposable
{
    private sealed record Entry(string FilmId, byte[] Jpeg);

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _map = new();
    private readonly LinkedList<Entry> _recency = new();
    private readonly int _capacity;

    public PosterThumbnailCache(int capacity)
    {
        _capacity = capacity;
    }

    public bool TryGet(string filmId, out byte[] jpeg)
    {
        _lock.EnterReadLock();
        try
        {
            if (_map.TryGetValue(filmId, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                jpeg = node.Value.Jpeg;
                return true;
            }

            jpeg = Array.Empty<byte>();
            return false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Put(string filmId, byte[] jpeg)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_map.TryGetValue(filmId, out var existing))
            {
                _recency.Remove(existing);
                _map.Remove(filmId);
            }

            var node = _recency.AddFirst(new Entry(filmId, jpeg));
            _map[filmId] = node;

            while (_map.Count > _capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _map.Remove(oldest.Value.FilmId);
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
}
