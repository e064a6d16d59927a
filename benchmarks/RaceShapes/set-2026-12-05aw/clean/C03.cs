namespace BakeryChain.Ovens;

public sealed record BakeOrder(int Id, string Branch, string Loaf, int Trays);

/// <summary>
/// Oven schedule for the central bakery. Branch managers queue bake orders through the API;
/// the oven line controller takes them off and records which oven baked them.
/// </summary>
public sealed class OvenSchedule
{
    // Lock order when both are needed: _queueLock, then _historyLock.
    private readonly object _queueLock = new();
    private readonly object _historyLock = new();
    private readonly LinkedList<BakeOrder> _queued = new();
    private readonly Dictionary<int, string> _bakedInOven = new();

    public void Queue(BakeOrder order)
    {
        lock (_queueLock)
        {
            _queued.AddLast(order);
        }
    }

    public bool Withdraw(int orderId)
    {
        lock (_queueLock)
        {
            for (var node = _queued.First; node != null; node = node.Next)
            {
                if (node.Value.Id == orderId)
                {
                    _queued.Remove(node);
                    return true;
                }
            }
            return false;
        }
    }

    public BakeOrder? TakeNextFor(string ovenId)
    {
        lock (_queueLock)
        {
            var first = _queued.First;
            if (first is null)
            {
                return null;
            }
            _queued.RemoveFirst();
            lock (_historyLock)
            {
                _bakedInOven[first.Value.Id] = ovenId;
            }
            return first.Value;
        }
    }

    public string? OvenFor(int orderId)
    {
        lock (_historyLock)
        {
            return _bakedInOven.TryGetValue(orderId, out var oven) ? oven : null;
        }
    }

    public IReadOnlyList<BakeOrder> Pending()
    {
        lock (_queueLock)
        {
            return _queued.ToList();
        }
    }

    public int BakedCount
    {
        get
        {
            lock (_historyLock)
            {
                return _bakedInOven.Count;
            }
        }
    }
}

/// <summary>Drives the ovens, each on its own task.</summary>
public sealed class OvenLine
{
    private readonly OvenSchedule _schedule;

    public OvenLine(OvenSchedule schedule) => _schedule = schedule;

    public Task RunAsync(IEnumerable<string> ovens, Func<BakeOrder, Task> bake, CancellationToken ct) =>
        Task.WhenAll(ovens.Select(oven => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var order = _schedule.TakeNextFor(oven);
                if (order is null)
                {
                    await Task.Delay(1000, ct);
                    continue;
                }
                await bake(order);
            }
        }, ct)));
}
