namespace Blind42.SledDogs.Harness;

public sealed record HarnessRepair(string DogName, string Part, int Minutes);

/// <summary>
/// Bounded hand-off between the mushers' check-in kiosk and the harness repair bench.
/// The kennel dashboard polls <see cref="Pending"/>; all members may be called from any thread.
/// </summary>
public sealed class HarnessRepairQueue
{
    private readonly Queue<HarnessRepair> _items = new();
    private readonly object _monitor = new();
    private readonly int _capacity;
    private bool _completed;

    public HarnessRepairQueue(int capacity) => _capacity = capacity;

    public bool TryAdd(HarnessRepair repair, TimeSpan timeout)
    {
        lock (_monitor)
        {
            while (_items.Count >= _capacity && !_completed)
            {
                if (!Monitor.Wait(_monitor, timeout))
                {
                    return false;
                }
            }

            if (_completed)
            {
                return false;
            }

            _items.Enqueue(repair);
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public bool TryTake(out HarnessRepair? repair)
    {
        lock (_monitor)
        {
            while (_items.Count == 0 && !_completed)
            {
                Monitor.Wait(_monitor);
            }

            if (_items.TryDequeue(out repair))
            {
                Monitor.PulseAll(_monitor);
                return true;
            }
            return false;
        }
    }

    public IReadOnlyList<HarnessRepair> Pending()
    {
        lock (_monitor)
        {
            return _items.ToArray();
        }
    }

    public void Complete()
    {
        lock (_monitor)
        {
            _completed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

/// <summary>The repair bench: one worker thread draining the queue.</summary>
public sealed class RepairBench
{
    private readonly HarnessRepairQueue _queue;
    private readonly Thread _worker;
    private int _minutesWorked;

    public RepairBench(HarnessRepairQueue queue)
    {
        _queue = queue;
        _worker = new Thread(Run) { IsBackground = true, Name = "repair-bench" };
    }

    public void Start() => _worker.Start();

    /// <summary>Waits for the bench to finish after the queue is completed.</summary>
    public int WaitForShiftEnd()
    {
        _worker.Join();
        return _minutesWorked;
    }

    private void Run()
    {
        while (_queue.TryTake(out var repair) && repair is not null)
        {
            _minutesWorked += repair.Minutes;
        }
    }
}
