namespace Nursery.Bonsai.Misting;

public sealed record MistingJob(string Bench, int Seconds, DateTime RequestedAt);

/// <summary>
/// Hand-off queue between the humidity sensors (which request misting) and the
/// valve workers (which run the nozzles). Any number of threads may call
/// <see cref="Request"/>; each valve worker blocks in <see cref="Take"/>.
/// </summary>
public sealed class MistingQueue
{
    private readonly object _sync = new();
    private readonly Queue<MistingJob> _jobs = new();
    private readonly HashSet<string> _queuedBenches = new(StringComparer.Ordinal);
    private bool _closed;

    public bool Request(MistingJob job)
    {
        lock (_sync)
        {
            if (_closed || !_queuedBenches.Add(job.Bench))
            {
                return false;
            }
            _jobs.Enqueue(job);
            Monitor.Pulse(_sync);
            return true;
        }
    }

    public bool Take(out MistingJob job, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_sync)
        {
            while (_jobs.Count == 0)
            {
                if (_closed)
                {
                    job = default!;
                    return false;
                }
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_sync, remaining))
                {
                    job = default!;
                    return false;
                }
            }

            job = _jobs.Dequeue();
            _queuedBenches.Remove(job.Bench);
            return true;
        }
    }

    public int Pending
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

public sealed class ValveWorker
{
    private readonly MistingQueue _queue;
    private readonly Action<string, int> _runNozzle;
    private readonly Thread _thread;

    public ValveWorker(MistingQueue queue, Action<string, int> runNozzle, string name)
    {
        _queue = queue;
        _runNozzle = runNozzle;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
    }

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Loop()
    {
        while (true)
        {
            if (_queue.Take(out var job, TimeSpan.FromSeconds(30)))
            {
                _runNozzle(job.Bench, job.Seconds);
            }
            else if (_queue.Pending == 0)
            {
                return;
            }
        }
    }
}
