namespace CurlingRink.IceSheets;

public sealed record IceReading(int Sheet, double SurfaceCelsius, double PebbleHeightMm, DateTime TakenAt);

/// <summary>
/// Keeps the most recent ice readings per sheet, bounded by a least-recently-used
/// policy. Shared by the scoreboard API, the ice technician tablet and the brine
/// plant controller, which all query and update it concurrently.
/// </summary>
public sealed class IceReadingCache : IDisposable
{
    private sealed class Slot
    {
        public required IceReading Reading;
        public required LinkedListNode<int> Node;
    }

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<int, Slot> _slots = new();
    private readonly LinkedList<int> _recency = new();
    private readonly int _capacity;

    public IceReadingCache(int capacity) => _capacity = capacity;

    public bool TryGet(int sheet, out IceReading reading)
    {
        _lock.EnterReadLock();
        try
        {
            if (_slots.TryGetValue(sheet, out var slot))
            {
                _recency.Remove(slot.Node);
                _recency.AddFirst(slot.Node);
                reading = slot.Reading;
                return true;
            }
            reading = default!;
            return false;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Put(IceReading reading)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_slots.TryGetValue(reading.Sheet, out var existing))
            {
                existing.Reading = reading;
                _recency.Remove(existing.Node);
                _recency.AddFirst(existing.Node);
                return;
            }

            if (_slots.Count >= _capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _slots.Remove(oldest.Value);
            }

            var node = _recency.AddFirst(reading.Sheet);
            _slots[reading.Sheet] = new Slot { Reading = reading, Node = node };
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
            try { return _slots.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Dispose() => _lock.Dispose();
}
