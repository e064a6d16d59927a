namespace Eventing.InProcess;

public interface IEventHandler<in TEvent>
{
    ValueTask HandleAsync(TEvent @event, CancellationToken ct);
}

/// <summary>
/// In-process publish/subscribe bus for domain events. Publishing is on the
/// hot path of every command; subscriptions change rarely (module load,
/// websocket connect/disconnect).
/// </summary>
public sealed class EventBus<TEvent>
{
    private IEventHandler<TEvent>[] _handlers = Array.Empty<IEventHandler<TEvent>>();

    public int SubscriberCount => Volatile.Read(ref _handlers).Length;

    public IDisposable Subscribe(IEventHandler<TEvent> handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            var updated = new IEventHandler<TEvent>[current.Length + 1];
            Array.Copy(current, updated, current.Length);
            updated[^1] = handler;

            if (Interlocked.CompareExchange(ref _handlers, updated, current) == current)
            {
                return new Subscription(this, handler);
            }
        }
    }

    private void Unsubscribe(IEventHandler<TEvent> handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            int index = Array.IndexOf(current, handler);
            if (index < 0)
            {
                return;
            }

            var updated = new IEventHandler<TEvent>[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);

            if (Interlocked.CompareExchange(ref _handlers, updated, current) == current)
            {
                return;
            }
        }
    }

    public async Task PublishAsync(TEvent @event, CancellationToken ct)
    {
        var handlers = Volatile.Read(ref _handlers);
        List<Exception>? errors = null;

        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(@event, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (errors ??= new List<Exception>()).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException($"{errors.Count} handler(s) failed for {typeof(TEvent).Name}.", errors);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private EventBus<TEvent>? _bus;
        private readonly IEventHandler<TEvent> _handler;

        public Subscription(EventBus<TEvent> bus, IEventHandler<TEvent> handler)
        {
            _bus = bus;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _bus, null)?.Unsubscribe(_handler);
    }
}
