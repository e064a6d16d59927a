namespace Blind61.OrganDonors.Outbox;

public sealed record OutboxMessage(Guid Id, string Topic, string Payload, DateTimeOffset CreatedAt);

public interface IMessageBus
{
    Task PublishAsync(string topic, string payload, CancellationToken ct);
}

/// <summary>
/// In-memory outbox for registry notifications (consent recorded, consent withdrawn) sent to
/// the transplant centres. Request threads append; the dispatcher publishes in batches.
/// </summary>
public sealed class RegistryOutbox
{
    private readonly object _sync = new();
    private List<OutboxMessage> _pending = new();
    private long _enqueued;

    public void Add(string topic, string payload)
    {
        var message = new OutboxMessage(Guid.NewGuid(), topic, payload, DateTimeOffset.UtcNow);
        lock (_sync)
        {
            _pending.Add(message);
            _enqueued++;
        }
    }

    public List<OutboxMessage> TakeAll()
    {
        lock (_sync)
        {
            var batch = _pending;
            _pending = new List<OutboxMessage>();
            return batch;
        }
    }

    /// <summary>Puts unsent messages back at the front so ordering is kept.</summary>
    public void Requeue(List<OutboxMessage> unsent)
    {
        if (unsent.Count == 0)
            return;
        lock (_sync)
        {
            unsent.AddRange(_pending);
            _pending = unsent;
        }
    }

    public (int Pending, long Enqueued) Stats()
    {
        lock (_sync)
        {
            return (_pending.Count, _enqueued);
        }
    }
}

/// <summary>Publishes outbox messages every few seconds.</summary>
public sealed class OutboxDispatcher : Microsoft.Extensions.Hosting.BackgroundService
{
    private readonly RegistryOutbox _outbox;
    private readonly IMessageBus _bus;

    public OutboxDispatcher(RegistryOutbox outbox, IMessageBus bus)
    {
        _outbox = outbox;
        _bus = bus;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var batch = _outbox.TakeAll();
            var sent = 0;
            try
            {
                foreach (var message in batch)
                {
                    await _bus.PublishAsync(message.Topic, message.Payload, stoppingToken);
                    sent++;
                }
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // bus unavailable; try again next tick
            }
            finally
            {
                batch.RemoveRange(0, sent);
                _outbox.Requeue(batch);
            }
        }
    }
}
