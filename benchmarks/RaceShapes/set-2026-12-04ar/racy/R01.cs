namespace Blind44.BellFoundry.Casting;

/// <summary>A single bell to be cast, with the alloy the pattern shop estimated for it.</summary>
public sealed record CastingOrder(string Id, string Parish, int NoteMidi, double EstimatedBronzeKg);

/// <summary>
/// Queues bell casting orders for the furnace floor. Registered as an app-wide singleton;
/// the order intake endpoints and the furnace scheduler call it concurrently.
/// </summary>
public sealed class CastingOrderBook
{
    private readonly object _gate = new();
    private readonly Queue<CastingOrder> _pending = new();
    private readonly Dictionary<string, CastingOrder> _byId = new(StringComparer.OrdinalIgnoreCase);
    private double _committedBronzeKg;
    private int _submittedToday;

    public void Submit(CastingOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.EstimatedBronzeKg <= 0)
            throw new ArgumentOutOfRangeException(nameof(order), "Bronze estimate must be positive.");

        lock (_gate)
        {
            if (_byId.ContainsKey(order.Id))
                throw new InvalidOperationException($"Order {order.Id} has already been submitted.");
            _byId.Add(order.Id, order);
            _pending.Enqueue(order);
            _submittedToday++;
        }

        // Reserve the alloy for this bell so the melt planner includes it in the next pour.
        _committedBronzeKg += order.EstimatedBronzeKg;
    }

    public CastingOrder? TakeNext()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
                return null;

            var next = _pending.Dequeue();
            _byId.Remove(next.Id);
            _committedBronzeKg -= next.EstimatedBronzeKg;
            return next;
        }
    }

    public bool TryWithdraw(string orderId)
    {
        lock (_gate)
        {
            if (!_byId.Remove(orderId, out var order))
                return false;

            var remaining = _pending.Where(o => o.Id != order.Id).ToList();
            _pending.Clear();
            foreach (var o in remaining)
                _pending.Enqueue(o);
            _committedBronzeKg -= order.EstimatedBronzeKg;
            return true;
        }
    }

    /// <summary>Bronze the melt planner must have ready for all queued bells.</summary>
    public double CommittedBronzeKg
    {
        get { lock (_gate) return _committedBronzeKg; }
    }

    public int SubmittedToday
    {
        get { lock (_gate) return _submittedToday; }
    }
}

/// <summary>Pulls orders for the furnace and checks the crucible holds enough metal.</summary>
public sealed class MeltPlanner
{
    private readonly CastingOrderBook _book;
    private readonly double _crucibleCapacityKg;

    public MeltPlanner(CastingOrderBook book, double crucibleCapacityKg)
    {
        _book = book;
        _crucibleCapacityKg = crucibleCapacityKg;
    }

    public bool NeedsSecondPour() => _book.CommittedBronzeKg > _crucibleCapacityKg;

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var order = _book.TakeNext();
            if (order is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                continue;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(order.EstimatedBronzeKg), ct);
        }
    }
}
