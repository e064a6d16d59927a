namespace Blind40.RopeWalks.Spinning;

public sealed record StrandOrder(string OrderId, string Fibre, int LengthFathoms, int Yarns);

/// <summary>
/// Bounded queue between the order desk and the spinners walking the rope
/// walk. Producers block when the walk is full; spinners block when there is
/// nothing to lay. Completing the queue releases every waiting spinner.
/// </summary>
public sealed class RopeWalkQueue
{
    private readonly object _monitor = new();
    private readonly Queue<StrandOrder> _orders = new();
    private readonly int _capacity;
    private bool _completed;

    public RopeWalkQueue(int capacity) => _capacity = capacity;

    public void Enqueue(StrandOrder order)
    {
        lock (_monitor)
        {
            while (_orders.Count >= _capacity && !_completed)
            {
                Monitor.Wait(_monitor);
            }

            if (_completed)
            {
                throw new InvalidOperationException("The rope walk has closed for the day.");
            }

            _orders.Enqueue(order);
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryDequeue(out StrandOrder? order)
    {
        lock (_monitor)
        {
            while (_orders.Count == 0 && !_completed)
            {
                Monitor.Wait(_monitor);
            }

            if (_orders.Count == 0)
            {
                order = null;
                return false;
            }

            order = _orders.Dequeue();
            Monitor.PulseAll(_monitor);
            return true;
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

    public int Count
    {
        get
        {
            lock (_monitor)
            {
                return _orders.Count;
            }
        }
    }
}

public sealed class Spinner
{
    private readonly RopeWalkQueue _queue;
    private readonly string _name;
    private int _laid;

    public Spinner(RopeWalkQueue queue, string name)
    {
        _queue = queue;
        _name = name;
    }

    public string Name => _name;

    public int Laid => Volatile.Read(ref _laid);

    public Thread Start()
    {
        var thread = new Thread(() =>
        {
            while (_queue.TryDequeue(out var order))
            {
                Thread.Sleep(order!.LengthFathoms / 10);
                Interlocked.Increment(ref _laid);
            }
        })
        { IsBackground = true, Name = $"spinner-{_name}" };
        thread.Start();
        return thread;
    }
}
