namespace Blind10.Messaging.InProcess;

/// <summary>
/// In-process publish/subscribe for domain events. Subscriptions are rare and publishes
/// are frequent.
/// </summary>
public sealed class DomainEventBus<TEvent>
{
    private Func<TEvent, CancellationToken, ValueTask>[] _handlers = Array.Empty<Func<TEvent, CancellationToken, ValueTask>>();

    public int HandlerCount => Volatile.Read(ref _handlers).Length;

    public IDisposable Subscribe(Func<TEvent, CancellationToken, ValueTask> handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            var updated = new Func<TEvent, CancellationToken, ValueTask>[current.Length + 1];
            Array.Copy(current, updated, current.Length);
            updated[^1] = handler;
            if (Interlocked.CompareExchange(ref _handlers, updated, current) == current)
            {
                return new Subscription(this, handler);
            }
        }
    }

    private void Unsubscribe(Func<TEvent, CancellationToken, ValueTask> handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            int index = Array.IndexOf(current, handler);
            if (index < 0)
            {
                return;
            }

            var updated = new Func<TEvent, CancellationToken, ValueTask>[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);
            if (Interlocked.CompareExchange(ref _handlers, updated, current) == current)
            {
                return;
            }
        }
    }

    public async Task PublishAsync(TEvent domainEvent, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _handlers);
        List<Exception>? errors = null;
        foreach (var handler in snapshot)
        {
            try
            {
                await handler(domainEvent, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (errors ??= new List<Exception>()).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException("One or more domain event handlers failed.", errors);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private DomainEventBus<TEvent>? _bus;
        private readonly Func<TEvent, CancellationToken, ValueTask> _handler;

        public Subscription(DomainEventBus<TEvent> bus, Func<TEvent, CancellationToken, ValueTask> handler)
        {
            _bus = bus;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _bus, null)?.Unsubscribe(_handler);
    }
}
