namespace Blind59.Forge.Hammer;

public sealed record HammerJob(string CommissionId, string Stock, int Heats, TimeSpan EstimatedTime);

/// <summary>
/// Queue of jobs waiting for the power hammer. The order desk and the apprentices'
/// handhelds add jobs; the hammer station's worker takes them one at a time. Bounded so
/// that nobody books more hot work than the forge can get through in a shift.
/// </summary>
public sealed class HammerQueue
{
    private readonly object _monitor = new();
    private readonly Queue<HammerJob> _jobs = new();
    private readonly int _capacity;
    private bool _closed;

    public HammerQueue(int capacity) => _capacity = capacity;

    public bool TryAdd(HammerJob job, TimeSpan wait)
    {
        lock (_monitor)
        {
            var deadline = DateTime.UtcNow + wait;
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

    public bool TryTake(out HammerJob? job)
    {
        lock (_monitor)
        {
            while (_jobs.Count == 0 && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_jobs.Count == 0)
            {
                job = null;
                return false;
            }

            job = _jobs.Dequeue();
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public int Count
    {
        get { lock (_monitor) { return _jobs.Count; } }
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

/// <summary>
/// Runs on a dedicated thread at the hammer station and works through the queue.
/// </summary>
public sealed class HammerStation
{
    private readonly HammerQueue _queue;
    private readonly Action<HammerJob> _work;
    private readonly Thread _thread;
    private int _completed;

    public HammerStation(HammerQueue queue, Action<HammerJob> work)
    {
        _queue = queue;
        _work = work;
        _thread = new Thread(Run) { IsBackground = true, Name = "power-hammer" };
    }

    public int Completed => Volatile.Read(ref _completed);

    public void Start() => _thread.Start();

    public void StopAndWait()
    {
        _queue.Close();
        _thread.Join();
    }

    private void Run()
    {
        while (_queue.TryTake(out var job))
        {
            _work(job!);
            Interlocked.Increment(ref _completed);
        }
    }
}
