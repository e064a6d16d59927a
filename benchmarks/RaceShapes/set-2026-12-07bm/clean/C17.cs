using System.Collections.Generic;

namespace Blind65.RopeWalks.Spinning;

public sealed record StrandOrder(int OrderNo, string Fibre, int LengthFathoms, int Strands);

/// <summary>
/// Hand-off between the order desk and the spinners on the rope walk. The desk
/// adds orders; each spinner thread takes the next one when its bench is free.
/// </summary>
public sealed class SpinningBenchQueue
{
    private readonly object _monitor = new();
    private readonly Queue<StrandOrder> _orders = new();
    private readonly int _capacity;
    private bool _closed;

    public SpinningBenchQueue(int capacity) => _capacity = capacity;

    public int Waiting
    {
        get
        {
            lock (_monitor)
            {
                return _orders.Count;
            }
        }
    }

    public void Add(StrandOrder order)
    {
        lock (_monitor)
        {
            while (_orders.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_monitor);
            }
            if (_closed)
            {
                throw new InvalidOperationException("The rope walk has closed for the day.");
            }
            _orders.Enqueue(order);
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryTake(out StrandOrder? order)
    {
        lock (_monitor)
        {
            while (_orders.Count == 0 && !_closed)
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

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

public sealed class Spinner
{
    private readonly string _name;
    private readonly SpinningBenchQueue _queue;
    private int _fathomsSpun;

    public Spinner(string name, SpinningBenchQueue queue)
    {
        _name = name;
        _queue = queue;
    }

    public int FathomsSpun => Volatile.Read(ref _fathomsSpun);

    public Thread Start()
    {
        var thread = new Thread(() =>
        {
            while (_queue.TryTake(out var order))
            {
                Thread.Sleep(order!.LengthFathoms);
                Interlocked.Add(ref _fathomsSpun, order.LengthFathoms);
            }
        })
        { Name = $"spinner-{_name}", IsBackground = true };
        thread.Start();
        return thread;
    }
}
