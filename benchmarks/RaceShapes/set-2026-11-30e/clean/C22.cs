namespace Messaging.InProcess;

/// <summary>
/// Tiny in-process pub/sub used to fan out domain notifications. Subscriptions change rarely
/// and publishing happens constantly from many threads.
/// </summary>
public sealed class NotificationHub<TNotification>
{
    private Func<TNotification, CancellationToken, Task>[] _handlers = Array.Empty<Func<TNotification, CancellationToken, Task>>();

    public IDisposable Subscribe(Func<TNotification, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);

        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            var updated = new Func<TNotification, CancellationToken, Task>[current.Length + 1];
            Array.Copy(current, updated, current.Length);
            updated[^1] = handler;

            if (Interlocked.CompareExchange(ref _handlers, updated, current) == current)
            {
                return new Subscription(this, handler);
            }
        }
    }

    public async Task PublishAsync(TNotification notification, CancellationToken cancellationToken)
    {
        var handlers = Volatile.Read(ref _handlers);
        if (handlers.Length == 0)
        {
            return;
        }

        var tasks = new Task[handlers.Length];
        for (int i = 0; i < handlers.Length; i++)
        {
            tasks[i] = handlers[i](notification, cancellationToken);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    public int SubscriberCount => Volatile.Read(ref _handlers).Length;

    private void Unsubscribe(Func<TNotification, CancellationToken, Task> handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _handlers);
            var index = Array.IndexOf(current, handler);
            if (index < 0)
            {
                return;
            }

            var updated = new Func<TNotification, CancellationToken, Task>[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);

            if (Interlocked.CompareExchange(ref _handlers, updated, current) == current)
            {
                return;
            }
        }
    }

    private sealed class Subscription : IDisposable
    {
        private NotificationHub<TNotification>? _hub;
        private readonly Func<TNotification, CancellationToken, Task> _handler;

        public Subscription(NotificationHub<TNotification> hub, Func<TNotification, CancellationToken, Task> handler)
        {
            _hub = hub;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _hub, null)?.Unsubscribe(_handler);
    }
}
