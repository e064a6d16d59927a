using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind39.TramDepot.Washing;

public sealed record WashJob(int TramNumber, bool Interior, DateTime ArrivedAt);

/// <summary>
/// Bounded queue in front of the depot's tram wash. Trams returning from service are
/// queued by the yard controller; wash-bay workers take jobs on their own threads.
/// </summary>
public sealed class WashBayQueue
{
    private readonly Queue<WashJob> _jobs = new();
    private readonly object _gate = new();
    private readonly int _capacity;
    private bool _closed;
    private int _completed;

    public WashBayQueue(int capacity) => _capacity = capacity;

    public int Waiting
    {
        get { lock (_gate) return _jobs.Count; }
    }

    public int Completed
    {
        get { lock (_gate) return _completed; }
    }

    public bool TryAdd(WashJob job, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_jobs.Count >= _capacity && !_closed)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left))
                    return false;
            }
            if (_closed)
                return false;

            _jobs.Enqueue(job);
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    /// <summary>Blocks until a job is available; returns false once closed and drained.</summary>
    public bool TryTake(out WashJob? job)
    {
        lock (_gate)
        {
            while (_jobs.Count == 0 && !_closed)
                Monitor.Wait(_gate);

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

    public void MarkDone()
    {
        lock (_gate)
        {
            _completed++;
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
}

/// <summary>One wash bay working through the queue on a dedicated thread.</summary>
public sealed class WashBay
{
    private readonly WashBayQueue _queue;
    private readonly Action<WashJob> _wash;
    private readonly Thread _thread;

    public WashBay(string name, WashBayQueue queue, Action<WashJob> wash)
    {
        _queue = queue;
        _wash = wash;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Run()
    {
        while (_queue.TryTake(out var job) && job is not null)
        {
            _wash(job);
            _queue.MarkDone();
        }
    }
}
