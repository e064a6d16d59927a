namespace Contoso.EventBus.InProcess
{
    public interface IDomainEvent
    {
        Guid Id { get; }
        DateTimeOffset OccurredAt { get; }
    }

    /// <summary>
    /// In-process pub/sub used by application services. Subscriptions are rare
    /// and publications frequent, so the subscriber list is kept as an array
    /// that is replaced on every change.
    /// </summary>
    public sealed class InProcessEventBus
    {
        private Func<IDomainEvent, CancellationToken, ValueTask>[] _subscribers = Array.Empty<Func<IDomainEvent, CancellationToken, ValueTask>>();

        public IDisposable Subscribe(Func<IDomainEvent, CancellationToken, ValueTask> handler)
        {
            ArgumentNullException.ThrowIfNull(handler);

            while (true)
            {
                var current = Volatile.Read(ref _subscribers);
                var next = new Func<IDomainEvent, CancellationToken, ValueTask>[current.Length + 1];
                Array.Copy(current, next, current.Length);
                next[^1] = handler;

                if (Interlocked.CompareExchange(ref _subscribers, next, current) == current)
                {
                    return new Subscription(this, handler);
                }
            }
        }

        private void Unsubscribe(Func<IDomainEvent, CancellationToken, ValueTask> handler)
        {
            while (true)
            {
                var current = Volatile.Read(ref _subscribers);
                var index = Array.IndexOf(current, handler);
                if (index < 0)
                {
                    return;
                }

                var next = new Func<IDomainEvent, CancellationToken, ValueTask>[current.Length - 1];
                Array.Copy(current, 0, next, 0, index);
                Array.Copy(current, index + 1, next, index, current.Length - index - 1);

                if (Interlocked.CompareExchange(ref _subscribers, next, current) == current)
                {
                    return;
                }
            }
        }

        public async ValueTask PublishAsync(IDomainEvent domainEvent, CancellationToken cancellationToken = default)
        {
            var snapshot = Volatile.Read(ref _subscribers);
            foreach (var subscriber in snapshot)
            {
                await subscriber(domainEvent, cancellationToken).ConfigureAwait(false);
            }
        }

        public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

        private sealed class Subscription : IDisposable
        {
            private InProcessEventBus? _bus;
            private readonly Func<IDomainEvent, CancellationToken, ValueTask> _handler;

            public Subscription(InProcessEventBus bus, Func<IDomainEvent, CancellationToken, ValueTask> handler)
            {
                _bus = bus;
                _handler = handler;
            }

            public void Dispose()
            {
                Interlocked.Exchange(ref _bus, null)?.Unsubscribe(_handler);
            }
        }
    }
}
