namespace Blind46.Letterpress.PrintQueue;

public sealed record PrintJob(int Id, string Customer, string Stock, int Copies);

/// <summary>
/// Bounded queue between the order desk and the press operators. The desk adds jobs,
/// each press thread takes them, and the shop-floor screen shows the next job.
/// </summary>
public sealed class PressJobQueue
{
    private readonly object _sync = new();
    private readonly Queue<PrintJob> _jobs = new();
    private readonly int _capacity;
    private bool _closed;

    public PressJobQueue(int capacity) => _capacity = capacity;

    public bool TryAdd(PrintJob job, TimeSpan timeout)
    {
        lock (_sync)
        {
            while (_jobs.Count >= _capacity && !_closed)
            {
                if (!Monitor.Wait(_sync, timeout))
                    return false;
            }

            if (_closed)
                return false;

            _jobs.Enqueue(job);
            Monitor.PulseAll(_sync);
            return true;
        }
    }

    public PrintJob? Take()
    {
        lock (_sync)
        {
            while (_jobs.Count == 0 && !_closed)
                Monitor.Wait(_sync);

            if (_jobs.Count == 0)
                return null;

            var job = _jobs.Dequeue();
            Monitor.PulseAll(_sync);
            return job;
        }
    }

    public PrintJob? PeekNext()
    {
        lock (_sync)
        {
            return _jobs.Count > 0 ? _jobs.Peek() : null;
        }
    }

    public int Count
    {
        get { lock (_sync) return _jobs.Count; }
    }

    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
            Monitor.PulseAll(_sync);
        }
    }
}

public sealed class PressOperator
{
    private readonly PressJobQueue _queue;

    public PressOperator(PressJobQueue queue) => _queue = queue;

    public Thread Start(string pressName, Action<string, PrintJob> run)
    {
        var thread = new Thread(() =>
        {
            while (_queue.Take() is { } job)
                run(pressName, job);
        })
        { IsBackground = true, Name = pressName };
        thread.Start();
        return thread;
    }
}
