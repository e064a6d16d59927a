using System.Collections.Generic;

namespace Blind65.CheeseCaves.Outbox;

public sealed record OutboxMessage(Guid Id, string Topic, string Payload, DateTimeOffset CreatedAt);

public interface IMessageBus
{
    Task PublishAsync(OutboxMessage message, CancellationToken token);
}

/// <summary>
/// In-memory outbox for cave events (wheel moved, humidity alarm, batch ready).
/// Request handlers add messages; a dispatcher drains them to the bus and puts
/// back anything that could not be sent.
/// </summary>
public sealed class CaveEventOutbox
{
    private readonly object _gate = new();
    private List<OutboxMessage> _pending = new();

    public void Add(string topic, string payload)
    {
        var message = new OutboxMessage(Guid.NewGuid(), topic, payload, DateTimeOffset.UtcNow);
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

    public async Task DispatchAsync(IMessageBus bus, CancellationToken token)
    {
        List<OutboxMessage> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            batch = _pending;
            _pending = new List<OutboxMessage>();
        }

        var failed = new List<OutboxMessage>();
        foreach (var message in batch)
        {
            try
            {
                await bus.PublishAsync(message, token).ConfigureAwait(false);
            }
            catch (Exception) when (!token.IsCancellationRequested)
            {
                failed.Add(message);
            }
        }

        if (failed.Count > 0)
        {
            lock (_gate)
            {
                _pending.InsertRange(0, failed);
            }
        }
    }
}

public sealed class OutboxDispatcher
{
    private readonly CaveEventOutbox _outbox;
    private readonly IMessageBus _bus;

    public OutboxDispatcher(CaveEventOutbox outbox, IMessageBus bus)
    {
        _outbox = outbox;
        _bus = bus;
    }

    public async Task RunAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            await _outbox.DispatchAsync(_bus, token).ConfigureAwait(false);
        }
    }
}
