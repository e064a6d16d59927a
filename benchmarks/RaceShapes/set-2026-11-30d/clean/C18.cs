namespace Blind4.Clean.Messaging.InProcess;

public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// In-process event bus used by the application services. Handlers are added and removed
/// at runtime by modules as they start and stop, while events are published from request threads.
/// </summary>
public sealed class InProcessEventBus
{
    private sealed class Subscription : IDisposable
    {
        private readonly InProcessEventBus _owner;

        public Subscription(InProcessEventBus owner, Type eventType, Func<IDomainEvent, CancellationToken, Task> handler)
        {
            _owner = owner;
            EventType = eventType;
            Handler = handler;
        }

        public Type EventType { get; }

        public Func<IDomainEvent, CancellationToken, Task> Handler { get; }

        public void Dispose() => _owner.Remove(this);
    }

    private Subscription[] _subscriptions = Array.Empty<Subscription>();

    public IDisposable Subscribe<TEvent>(Func<TEvent, CancellationToken, Task> handler) where TEvent : IDomainEvent
    {
        var subscription = new Subscription(this, typeof(TEvent), (e, ct) => handler((TEvent)e, ct));
        while (true)
        {
            var current = Volatile.Read(ref _subscriptions);
            var updated = new Subscription[current.Length + 1];
            Array.Copy(current, updated, current.Length);
            updated[^1] = subscription;
            if (Interlocked.CompareExchange(ref _subscriptions, updated, current) == current)
            {
                return subscription;
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscriptions);
            var index = Array.IndexOf(current, subscription);
            if (index < 0)
            {
                return;
            }

            var updated = new Subscription[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);
            if (Interlocked.CompareExchange(ref _subscriptions, updated, current) == current)
            {
                return;
            }
        }
    }

    public async Task PublishAsync(IDomainEvent domainEvent, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _subscriptions);
        var eventType = domainEvent.GetType();
        foreach (var subscription in snapshot)
        {
            if (subscription.EventType.IsAssignableFrom(eventType))
            {
                await subscription.Handler(domainEvent, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
