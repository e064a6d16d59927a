namespace Blind2.C20;

public interface IDomainEventHandler
{
    Task HandleAsync(object domainEvent, CancellationToken ct);
}

/// <summary>
/// In-process event bus. Handlers can subscribe and unsubscribe at any time,
/// including while events are being published.
/// </summary>
public sealed class InProcessEventBus
{
    private IDomainEventHandler[] _handlers = Array.Empty<IDomainEventHandler>();

    public IDisposable Subscribe(IDomainEventHandler handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            var next = new IDomainEventHandler[current.Length + 1];
            Array.Copy(current, next, current.Length);
            next[current.Length] = handler;

            if (Interlocked.CompareExchange(ref _handlers, next, current) == current)
                return new Subscription(this, handler);
        }
    }

    private void Unsubscribe(IDomainEventHandler handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            int index = Array.IndexOf(current, handler);
            if (index < 0)
                return;

            var next = new IDomainEventHandler[current.Length - 1];
            Array.Copy(current, 0, next, 0, index);
            Array.Copy(current, index + 1, next, index, current.Length - index - 1);

            if (Interlocked.CompareExchange(ref _handlers, next, current) == current)
                return;
        }
    }

    public Task PublishAsync(object domainEvent, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _handlers);
        if (snapshot.Length == 0)
            return Task.CompletedTask;

        return Task.WhenAll(snapshot.Select(h => h.HandleAsync(domainEvent, ct)));
    }

    private sealed class Subscription : IDisposable
    {
        private InProcessEventBus? _bus;
        private readonly IDomainEventHandler _handler;

        public Subscription(InProcessEventBus bus, IDomainEventHandler handler)
        {
            _bus = bus;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _bus, null)?.Unsubscribe(_handler);
    }
}
