namespace Blind46.Circus.Logistics;

public sealed record LoadingOrder(int Sequence, string WagonId, string Contents, TimeSpan EstimatedDuration);

/// <summary>
/// Queue of wagon loading orders for tear-down night. The planner feeds it,
/// several yard crews take orders from it on their own threads, and the
/// planner board shows the next order that will be handed out.
/// </summary>
public sealed class WagonLoadingQueue
{
    private readonly object _sync = new();
    private readonly Queue<LoadingOrder> _orders = new();
    private bool _completed;

    public void Add(LoadingOrder order)
    {
        lock (_sync)
        {
            if (_completed)
                throw new InvalidOperationException("Loading plan already closed.");

            _orders.Enqueue(order);
            Monitor.Pulse(_sync);
        }
    }

    public void CompleteAdding()
    {
        lock (_sync)
        {
            _completed = true;
            Monitor.PulseAll(_sync);
        }
    }

    public bool TryTake(TimeSpan timeout, out LoadingOrder? order)
    {
        lock (_sync)
        {
            while (_orders.Count == 0)
            {
                if (_completed || !Monitor.Wait(_sync, timeout))
                {
                    order = null;
                    return false;
                }
            }

            order = _orders.Dequeue();
            return true;
        }
    }

    public LoadingOrder? PeekNext() => _orders.Count > 0 ? _orders.Peek() : null;
}

public sealed class YardCrew
{
    private readonly WagonLoadingQueue _queue;
    private readonly string _name;

    public YardCrew(WagonLoadingQueue queue, string name)
    {
        _queue = queue;
        _name = name;
    }

    public Thread Start(Action<string, LoadingOrder> load)
    {
        var thread = new Thread(() =>
        {
            while (_queue.TryTake(TimeSpan.FromMinutes(5), out var order))
                load(_name, order!);
        })
        { IsBackground = true, Name = $"crew-{_name}" };

        thread.Start();
        return thread;
    }
}

public sealed class PlannerBoard
{
    private readonly WagonLoadingQueue _queue;

    public PlannerBoard(WagonLoadingQueue queue) => _queue = queue;

    public string NextUpCaption()
    {
        var next = _queue.PeekNext();
        return next is null ? "All wagons assigned" : $"Next: {next.WagonId} ({next.Contents})";
    }
}
