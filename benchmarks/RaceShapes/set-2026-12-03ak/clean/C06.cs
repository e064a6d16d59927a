namespace Blind37.CanalLocks.Flight;

public readonly record struct LockPassage(string BoatName, int FromPound, int ToPound);

/// <summary>
/// Bounded queue of boats booked through a flight of locks. The booking desk and the
/// towpath app add passages; the volunteer lock-keepers' worker threads take them.
/// Producers block when the flight's holding pounds are full.
/// </summary>
public sealed class FlightPassageQueue
{
    private readonly Queue<LockPassage> _queue = new();
    private readonly object _monitor = new();
    private readonly int _capacity;
    private bool _completed;

    public FlightPassageQueue(int capacity) => _capacity = capacity;

    public void Book(LockPassage passage)
    {
        lock (_monitor)
        {
            while (_queue.Count >= _capacity && !_completed)
            {
                Monitor.Wait(_monitor);
            }

            if (_completed)
            {
                throw new InvalidOperationException("The flight has closed for the day.");
            }

            _queue.Enqueue(passage);
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryTake(out LockPassage passage, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (_queue.Count == 0 && !_completed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
                {
                    if (_queue.Count == 0)
                    {
                        passage = default;
                        return false;
                    }
                    break;
                }
            }

            if (_queue.Count == 0)
            {
                passage = default;
                return false;
            }

            passage = _queue.Dequeue();
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public void Complete()
    {
        lock (_monitor)
        {
            _completed = true;
            Monitor.PulseAll(_monitor);
        }
    }

    public int Waiting
    {
        get
        {
            lock (_monitor)
            {
                return _queue.Count;
            }
        }
    }
}

/// <summary>Runs a handful of keepers along the flight until it closes.</summary>
public static class FlightKeepers
{
    public static Task RunAsync(FlightPassageQueue queue, int keepers, Action<int, LockPassage> workLock)
    {
        var workers = Enumerable.Range(1, keepers).Select(id => Task.Factory.StartNew(() =>
        {
            while (true)
            {
                if (queue.TryTake(out var passage, TimeSpan.FromSeconds(30)))
                {
                    workLock(id, passage);
                }
                else if (queue.Waiting == 0)
                {
                    return;
                }
            }
        }, TaskCreationOptions.LongRunning));

        return Task.WhenAll(workers);
    }
}
