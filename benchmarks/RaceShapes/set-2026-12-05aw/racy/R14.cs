namespace RopeMakers.Workshop;

public sealed record StrandTask(string RopeOrder, int StrandIndex, double LengthMetres);

/// <summary>
/// Per-worker queue of strand-twisting tasks. The owning worker pushes and pops at the
/// tail; idle workers take from the head of other workers' queues.
/// </summary>
public sealed class StrandQueue
{
    private readonly object _sync = new();
    private StrandTask?[] _items = new StrandTask?[32];
    private int _head;
    private int _tail;

    public void Push(StrandTask task)
    {
        lock (_sync)
        {
            if (_tail == _items.Length)
            {
                var bigger = new StrandTask?[_items.Length * 2];
                Array.Copy(_items, _head, bigger, 0, _tail - _head);
                _tail -= _head;
                _head = 0;
                _items = bigger;
            }
            _items[_tail++] = task;
        }
    }

    public bool TryPop(out StrandTask? task)
    {
        lock (_sync)
        {
            if (_tail == _head)
            {
                task = null;
                return false;
            }
            task = _items[--_tail];
            _items[_tail] = null;
            return true;
        }
    }

    public bool TrySteal(StrandQueue victim, out StrandTask? task)
    {
        lock (_sync)
        {
            if (victim._head < victim._tail)
            {
                task = victim._items[victim._head];
                victim._items[victim._head++] = null;
                return true;
            }
            task = null;
            return false;
        }
    }
}

/// <summary>Runs twisting machines, one worker thread per machine.</summary>
public sealed class TwistingFloor
{
    private readonly StrandQueue[] _queues;
    private readonly Action<StrandTask> _twist;
    private int _completed;

    public TwistingFloor(int machines, Action<StrandTask> twist)
    {
        _queues = Enumerable.Range(0, machines).Select(_ => new StrandQueue()).ToArray();
        _twist = twist;
    }

    public int Completed => Volatile.Read(ref _completed);

    public void Enqueue(int machine, StrandTask task) => _queues[machine].Push(task);

    public Task RunAsync(CancellationToken ct)
    {
        var workers = new Task[_queues.Length];
        for (int i = 0; i < _queues.Length; i++)
        {
            int me = i;
            workers[i] = Task.Factory.StartNew(() => WorkerLoop(me, ct), ct,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        return Task.WhenAll(workers);
    }

    private void WorkerLoop(int me, CancellationToken ct)
    {
        var own = _queues[me];
        while (!ct.IsCancellationRequested)
        {
            if (own.TryPop(out var task) || TryStealAny(me, out task))
            {
                _twist(task!);
                Interlocked.Increment(ref _completed);
            }
            else
            {
                Thread.Sleep(5);
            }
        }
    }

    private bool TryStealAny(int me, out StrandTask? task)
    {
        for (int offset = 1; offset < _queues.Length; offset++)
        {
            var victim = _queues[(me + offset) % _queues.Length];
            if (_queues[me].TrySteal(victim, out task))
            {
                return true;
            }
        }
        task = null;
        return false;
    }
}
