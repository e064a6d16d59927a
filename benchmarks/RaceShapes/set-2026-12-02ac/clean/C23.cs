namespace Blind29.TramDepot.WashPlant;

public sealed record WashJob(string TramId, bool Interior, DateTimeOffset Requested);

/// <summary>
/// Bounded queue of wash jobs for the depot's wash plant. Shunters queue trams as
/// they come off the road; the plant's controller thread takes the next job.
/// </summary>
public sealed class WashQueue
{
    private readonly object _monitor = new();
    private readonly Queue<WashJob> _jobs = new();
    private readonly int _capacity;
    private bool _closed;

    public WashQueue(int capacity) => _capacity = capacity;

    public bool Enqueue(WashJob job, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (_jobs.Count >= _capacity && !_closed)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_monitor, left))
                {
                    return false;
                }
            }

            if (_closed)
            {
                return false;
            }

            _jobs.Enqueue(job);
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public WashJob? Take()
    {
        lock (_monitor)
        {
            while (_jobs.Count == 0 && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_jobs.Count == 0)
            {
                return null;
            }

            var job = _jobs.Dequeue();
            Monitor.PulseAll(_monitor);
            return job;
        }
    }

    public int Pending
    {
        get
        {
            lock (_monitor)
            {
                return _jobs.Count;
            }
        }
    }

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

public sealed class WashPlantController
{
    private readonly WashQueue _queue;
    private int _washed;

    public WashPlantController(WashQueue queue) => _queue = queue;

    public int Washed => Volatile.Read(ref _washed);

    public Thread Start(Action<WashJob> runCycle)
    {
        var thread = new Thread(() =>
        {
            while (_queue.Take() is { } job)
            {
                runCycle(job);
                Interlocked.Increment(ref _washed);
            }
        }) { IsBackground = true, Name = "wash-plant" };
        thread.Start();
        return thread;
    }
}
