namespace Blind50.Pottery.GlazeRoom;

public sealed record GlazeOrder(string Member, string Glaze, int Pieces);

public sealed record GlazedBatch(GlazeOrder Order, DateTime FinishedUtc, string Technician);

/// <summary>
/// Work queue of the studio glaze room. Members submit orders from the front-desk app; the
/// glaze technicians' worker threads take orders one at a time. The studio's web page lists the
/// finished batches. Registered as a singleton.
/// </summary>
public sealed class GlazeRoomQueue
{
    private readonly object _lock = new();
    private readonly Queue<GlazeOrder> _waiting = new();
    private readonly List<GlazedBatch> _finished = new();
    private bool _closed;

    public void Submit(GlazeOrder order)
    {
        lock (_lock)
        {
            if (_closed)
            {
                throw new InvalidOperationException("The glaze room is closed for the day.");
            }

            _waiting.Enqueue(order);
            Monitor.Pulse(_lock);
        }
    }

    /// <summary>Blocks until an order is available; returns null once the room is closed and empty.</summary>
    public GlazeOrder? TakeNext()
    {
        lock (_lock)
        {
            while (_waiting.Count == 0 && !_closed)
            {
                Monitor.Wait(_lock);
            }

            return _waiting.Count > 0 ? _waiting.Dequeue() : null;
        }
    }

    public void MarkFinished(GlazeOrder order, string technician)
    {
        lock (_lock)
        {
            _finished.Add(new GlazedBatch(order, DateTime.UtcNow, technician));
        }
    }

    /// <summary>The finished batches, oldest first.</summary>
    public IReadOnlyList<GlazedBatch> Finished
    {
        get
        {
            lock (_lock)
            {
                return _finished.ToArray();
            }
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            Monitor.PulseAll(_lock);
        }
    }
}

/// <summary>A technician working through the glaze queue on their own thread.</summary>
public sealed class GlazeTechnician
{
    private readonly GlazeRoomQueue _queue;
    private readonly string _name;
    private readonly Thread _thread;

    public GlazeTechnician(GlazeRoomQueue queue, string name)
    {
        _queue = queue;
        _name = name;
        _thread = new Thread(Work) { IsBackground = true, Name = $"glaze-{name}" };
    }

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Work()
    {
        while (_queue.TakeNext() is { } order)
        {
            Thread.Sleep(order.Pieces * 50);
            _queue.MarkFinished(order, _name);
        }
    }
}

/// <summary>Builds the "ready for pickup" section of the studio web page.</summary>
public static class GlazePickupPage
{
    public static IEnumerable<string> LinesFor(GlazeRoomQueue queue, string member) =>
        queue.Finished
            .Where(b => b.Order.Member == member)
            .Select(b => $"{b.Order.Pieces} pieces in {b.Order.Glaze}, glazed by {b.Technician} at {b.FinishedUtc:t}");
}
