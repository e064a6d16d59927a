namespace Blind63.TramDepot.Outbox;

public sealed record DepotMessage(Guid Id, string Topic, string Payload, DateTimeOffset CreatedAt);

public interface IMessageBus
{
    Task PublishAsync(DepotMessage message, CancellationToken ct);
}

/// <summary>
/// In-memory outbox for depot events (tram stabled, tram released, fault
/// raised). Request handlers enqueue; a single flush loop drains the outbox
/// to the bus. Messages that fail are put back for the next flush.
/// </summary>
public sealed class DepotOutbox
{
    private readonly object _gate = new();
    private List<DepotMessage> _pending = new();
    private int _flushing;

    public void Enqueue(string topic, string payload)
    {
        var message = new DepotMessage(Guid.NewGuid(), topic, payload, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            _pending.Add(message);
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public async Task<int> FlushAsync(IMessageBus bus, CancellationToken ct)
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return 0;
        }

        try
        {
            List<DepotMessage> batch;
            lock (_gate)
            {
                batch = _pending;
                _pending = new List<DepotMessage>();
            }

            int sent = 0;
            for (; sent < batch.Count; sent++)
            {
                try
                {
                    await bus.PublishAsync(batch[sent], ct);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    break;
                }
            }

            if (sent < batch.Count)
            {
                var unsent = batch.GetRange(sent, batch.Count - sent);
                lock (_gate)
                {
                    _pending.InsertRange(0, unsent);
                }
            }
            return sent;
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }
}

public sealed class OutboxFlusher
{
    private readonly DepotOutbox _outbox;
    private readonly IMessageBus _bus;

    public OutboxFlusher(DepotOutbox outbox, IMessageBus bus) => (_outbox, _bus) = (outbox, bus);

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(ct))
        {
            await _outbox.FlushAsync(_bus, ct);
        }
    }
}

/// <summary>
/// Consumer side on the fleet-planning service. The bus delivers at least
/// once and may redeliver on any of its consumer threads.
/// </summary>
public sealed class TramReleasedHandler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> _seen = new();
    private int _released;

    public int Released => Volatile.Read(ref _released);

    public bool Handle(DepotMessage message)
    {
        if (message.Topic != "tram-released" || !_seen.TryAdd(message.Id, 0))
        {
            return false;
        }
        Interlocked.Increment(ref _released);
        return true;
    }
}
