namespace RopeMakers.Splicing;

public sealed record SpliceTask(string Order, string SpliceKind, int Position);

/// <summary>
/// Queue of splicing tasks owned by one bench. The bench takes its newest task from the tail;
/// idle benches take the oldest task from the head of another bench's queue.
/// </summary>
public sealed class SpliceDeque
{
    private readonly object _sync = new();
    private readonly LinkedList<SpliceTask> _tasks = new();

    public void PushTail(SpliceTask task)
    {
        lock (_sync)
        {
            _tasks.AddLast(task);
        }
    }

    public bool TryPopTail(out SpliceTask? task)
    {
        lock (_sync)
        {
            var last = _tasks.Last;
            if (last is null)
            {
                task = null;
                return false;
            }
            _tasks.RemoveLast();
            task = last.Value;
            return true;
        }
    }

    public bool TryStealHead(out SpliceTask? task)
    {
        lock (_sync)
        {
            var first = _tasks.First;
            if (first is null)
            {
                task = null;
                return false;
            }
            _tasks.RemoveFirst();
            task = first.Value;
            return true;
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _tasks.Count;
            }
        }
    }
}

/// <summary>Runs the splicing benches, each on its own long-running task.</summary>
public sealed class SplicingShop
{
    private readonly SpliceDeque[] _benches;
    private readonly Action<int, SpliceTask> _splice;
    private long _stolen;

    public SplicingShop(int benches, Action<int, SpliceTask> splice)
    {
        _benches = Enumerable.Range(0, benches).Select(_ => new SpliceDeque()).ToArray();
        _splice = splice;
    }

    public long Stolen => Interlocked.Read(ref _stolen);

    public void Assign(int bench, SpliceTask task) => _benches[bench].PushTail(task);

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, _benches.Length).Select(i =>
            Task.Factory.StartNew(() => BenchLoop(i, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

    private void BenchLoop(int me, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (_benches[me].TryPopTail(out var task) || TrySteal(me, out task))
            {
                _splice(me, task!);
            }
            else
            {
                ct.WaitHandle.WaitOne(10);
            }
        }
    }

    private bool TrySteal(int me, out SpliceTask? task)
    {
        // Try the busiest bench first.
        var victims = Enumerable.Range(0, _benches.Length)
            .Where(i => i != me)
            .OrderByDescending(i => _benches[i].Count);
        foreach (int victim in victims)
        {
            if (_benches[victim].TryStealHead(out task))
            {
                Interlocked.Increment(ref _stolen);
                return true;
            }
        }
        task = null;
        return false;
    }
}
