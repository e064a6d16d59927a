namespace Blind66.StainedGlass.Kiln;

public sealed record FiringJob(string PanelId, int TemperatureC, TimeSpan Soak);

/// <summary>
/// Bounded queue of glass-paint firing jobs between the studio's order intake threads and the
/// kiln controller thread. Producers block when the kiln shelf schedule is full.
/// </summary>
public sealed class FiringQueue
{
    private readonly object _gate = new();
    private readonly Queue<FiringJob> _jobs = new();
    private readonly int _capacity;
    private bool _completed;

    public FiringQueue(int capacity)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity));
        }

        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Count;
            }
        }
    }

    public bool TryAdd(FiringJob job, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_jobs.Count >= _capacity && !_completed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_gate, remaining))
                {
                    return false;
                }
            }

            if (_completed)
            {
                return false;
            }

            _jobs.Enqueue(job);
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Blocks until a job is available; returns false once the queue is completed and drained.</summary>
    public bool TryTake(out FiringJob? job)
    {
        lock (_gate)
        {
            while (_jobs.Count == 0 && !_completed)
            {
                Monitor.Wait(_gate);
            }

            if (_jobs.Count == 0)
            {
                job = null;
                return false;
            }

            job = _jobs.Dequeue();
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }
}

/// <summary>Runs on a dedicated thread and fires one job at a time.</summary>
public sealed class KilnController
{
    private readonly FiringQueue _queue;
    private readonly Action<FiringJob> _fire;
    private readonly Thread _thread;

    public KilnController(FiringQueue queue, Action<FiringJob> fire)
    {
        _queue = queue;
        _fire = fire;
        _thread = new Thread(Run) { IsBackground = true, Name = "kiln-controller" };
    }

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Run()
    {
        while (_queue.TryTake(out var job))
        {
            _fire(job!);
        }
    }
}
