namespace Blind32.Bonsai.Repotting;

public sealed record RepotJob(string Tree, string Species, string PotSize);

/// <summary>
/// Bounded queue of repotting jobs between the intake desk and the potting
/// benches. The desk adds jobs; each bench worker takes the next one. Adding
/// blocks when the benches fall too far behind.
/// </summary>
public sealed class RepotQueue
{
    private readonly object _monitor = new();
    private readonly Queue<RepotJob> _jobs = new();
    private readonly int _capacity;
    private bool _closed;

    public RepotQueue(int capacity) => _capacity = capacity;

    public void Add(RepotJob job)
    {
        lock (_monitor)
        {
            while (_jobs.Count >= _capacity && !_closed)
                Monitor.Wait(_monitor);

            if (_closed)
                throw new InvalidOperationException("The nursery has closed intake for today.");

            _jobs.Enqueue(job);
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryTake(out RepotJob? job)
    {
        lock (_monitor)
        {
            while (_jobs.Count == 0 && !_closed)
                Monitor.Wait(_monitor);

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

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

/// <summary>Runs the potting benches until the queue is closed and drained.</summary>
public sealed class PottingBenches
{
    private readonly RepotQueue _queue;
    private int _repotted;

    public PottingBenches(RepotQueue queue) => _queue = queue;

    public int Repotted => Volatile.Read(ref _repotted);

    public Thread[] Start(int benches, Action<RepotJob> repot)
    {
        var threads = new Thread[benches];
        for (var i = 0; i < benches; i++)
        {
            threads[i] = new Thread(() =>
            {
                while (_queue.TryTake(out var job))
                {
                    repot(job!);
                    Interlocked.Increment(ref _repotted);
                }
            })
            { IsBackground = true, Name = $"bench-{i + 1}" };
            threads[i].Start();
        }
        return threads;
    }
}
