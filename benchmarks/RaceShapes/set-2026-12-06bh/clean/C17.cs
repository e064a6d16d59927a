namespace Blind60.PotteryKiln.Scheduling;

public sealed record FiringJob(string Potter, string Clay, int ConeTarget, int Shelves);

/// <summary>
/// Bounded queue of firing jobs for the studio's shared kilns. Members submit from the
/// booking kiosk; each kiln controller thread takes the next job when it is free.
/// </summary>
public sealed class FiringQueue
{
    private readonly object _monitor = new();
    private readonly Queue<FiringJob> _jobs = new();
    private readonly int _capacity;
    private bool _closed;

    public FiringQueue(int capacity) => _capacity = capacity;

    public bool TrySubmit(FiringJob job, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (_jobs.Count >= _capacity && !_closed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
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

    /// <summary>Blocks until a job is available; returns null once the queue is closed and drained.</summary>
    public FiringJob? Take()
    {
        lock (_monitor)
        {
            while (_jobs.Count == 0)
            {
                if (_closed)
                {
                    return null;
                }
                Monitor.Wait(_monitor);
            }

            var job = _jobs.Dequeue();
            Monitor.PulseAll(_monitor);
            return job;
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

    public int Waiting
    {
        get { lock (_monitor) return _jobs.Count; }
    }
}

public sealed class KilnWorker
{
    private readonly string _kiln;
    private readonly FiringQueue _queue;
    private readonly Action<string, FiringJob> _fire;

    public KilnWorker(string kiln, FiringQueue queue, Action<string, FiringJob> fire)
    {
        _kiln = kiln;
        _queue = queue;
        _fire = fire;
    }

    public Thread Start()
    {
        var t = new Thread(() =>
        {
            while (_queue.Take() is { } job)
            {
                _fire(_kiln, job);
            }
        })
        { IsBackground = true, Name = $"kiln-{_kiln}" };
        t.Start();
        return t;
    }
}
