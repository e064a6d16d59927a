namespace Blind30.HarbourTugs;

public sealed record TowJob(string Vessel, string FromBerth, string ToBerth, int TugsRequired);

/// <summary>
/// Bounded queue of tow jobs between the harbour master's desk and the tug crews.
/// The desk enqueues; each crew's worker thread takes the next job.
/// </summary>
public sealed class TowJobQueue
{
    private readonly object _monitor = new();
    private readonly Queue<TowJob> _jobs = new();
    private readonly int _capacity;
    private bool _closed;

    public TowJobQueue(int capacity)
    {
        _capacity = capacity;
    }

    public void Enqueue(TowJob job)
    {
        lock (_monitor)
        {
            while (_jobs.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The harbour is closed to new tow jobs.");
            }

            _jobs.Enqueue(job);
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryTake(out TowJob? job)
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

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

/// <summary>One tug crew working through the queue on its own thread.</summary>
public sealed class TugCrew
{
    private readonly string _tug;
    private readonly TowJobQueue _queue;
    private readonly Action<string> _log;

    public TugCrew(string tug, TowJobQueue queue, Action<string> log)
    {
        _tug = tug;
        _queue = queue;
        _log = log;
    }

    public Thread Start()
    {
        var thread = new Thread(Work) { IsBackground = true, Name = $"crew-{_tug}" };
        thread.Start();
        return thread;
    }

    private void Work()
    {
        while (_queue.TryTake(out var job))
        {
            _log($"{_tug}: towing {job!.Vessel} from {job.FromBerth} to {job.ToBerth}");
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }

        _log($"{_tug}: queue closed, returning to station");
    }
}
