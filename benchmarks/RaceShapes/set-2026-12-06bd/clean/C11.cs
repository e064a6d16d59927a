namespace Blind56.FoodBank.Messaging;

public sealed record DonationEvent(Guid Id, string DonorRef, string Kind, decimal Kilos, DateTimeOffset ReceivedAt);

/// <summary>
/// Small in-process broker between the donation intake desk and the stock,
/// thank-you-letter and reporting services. The intake desk, the consumers and the
/// redelivery loop all share one instance.
/// </summary>
public sealed class DonationEventBroker
{
    private readonly object _lock = new();
    private readonly LinkedList<DonationEvent> _ready = new();
    private readonly Dictionary<Guid, (DonationEvent Event, DateTimeOffset LeasedUntil, int Deliveries)> _leased = new();
    private readonly TimeSpan _lease;

    public DonationEventBroker(TimeSpan lease) => _lease = lease;

    public void Publish(DonationEvent donation)
    {
        lock (_lock)
        {
            _ready.AddLast(donation);
        }
    }

    public bool TryReceive(DateTimeOffset now, out DonationEvent? donation)
    {
        lock (_lock)
        {
            var first = _ready.First;
            if (first is null)
            {
                donation = null;
                return false;
            }

            _ready.RemoveFirst();
            donation = first.Value;
            int deliveries = _leased.TryGetValue(donation.Id, out var previous) ? previous.Deliveries + 1 : 1;
            _leased[donation.Id] = (donation, now + _lease, deliveries);
            return true;
        }
    }

    public bool Acknowledge(Guid id)
    {
        lock (_lock)
        {
            return _leased.Remove(id);
        }
    }

    public int RedeliverExpired(DateTimeOffset now)
    {
        lock (_lock)
        {
            var expired = _leased.Where(p => p.Value.LeasedUntil <= now).ToList();
            foreach (var (id, lease) in expired)
            {
                _leased[id] = (lease.Event, DateTimeOffset.MaxValue, lease.Deliveries);
                _ready.AddFirst(lease.Event);
            }

            return expired.Count;
        }
    }

    public (int Ready, int Leased) Depth()
    {
        lock (_lock)
        {
            return (_ready.Count, _leased.Count);
        }
    }

    public async Task RunRedeliveryAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                RedeliverExpired(DateTimeOffset.UtcNow);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
