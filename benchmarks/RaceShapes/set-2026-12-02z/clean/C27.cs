namespace Blind26.CanalLocks.Passage;

public sealed record Vessel(string Name, double LengthM, bool Commercial);

/// <summary>
/// Queue of vessels waiting to pass a canal lock. Mooring posts register arrivals; the
/// keeper's console thread takes the next vessel each time the chamber is ready.
/// </summary>
public sealed class LockPassageQueue
{
    private readonly object _gate = new();
    private readonly LinkedList<Vessel> _waiting = new();
    private readonly int _capacity;
    private bool _closed;

    public LockPassageQueue(int capacity) => _capacity = capacity;

    public bool TryArrive(Vessel vessel, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_waiting.Count >= _capacity && !_closed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_gate, remaining))
                {
                    return false;
                }
            }

            if (_closed)
            {
                return false;
            }

            if (vessel.Commercial)
            {
                var node = _waiting.First;
                while (node is not null && node.Value.Commercial)
                {
                    node = node.Next;
                }

                if (node is null)
                {
                    _waiting.AddLast(vessel);
                }
                else
                {
                    _waiting.AddBefore(node, vessel);
                }
            }
            else
            {
                _waiting.AddLast(vessel);
            }

            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Blocks until a vessel is waiting; returns null once the lock is closed and empty.</summary>
    public Vessel? TakeNext()
    {
        lock (_gate)
        {
            while (_waiting.Count == 0 && !_closed)
            {
                Monitor.Wait(_gate);
            }

            if (_waiting.Count == 0)
            {
                return null;
            }

            var next = _waiting.First!.Value;
            _waiting.RemoveFirst();
            Monitor.PulseAll(_gate);
            return next;
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }
}
