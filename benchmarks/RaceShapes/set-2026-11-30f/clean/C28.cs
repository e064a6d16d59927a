namespace Messaging.InProc;

/// <summary>
/// In-process publish/subscribe hub. Subscriptions change rarely compared
/// with publishes, so the subscriber list is kept as an array that is
/// copied whenever it changes.
/// </summary>
public sealed class EventHub<TEvent>
{
    private Func<TEvent, ValueTask>[] _subscribers = Array.Empty<Func<TEvent, ValueTask>>();

    public IDisposable Subscribe(Func<TEvent, ValueTask> handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscribers);
            var updated = new Func<TEvent, ValueTask>[current.Length + 1];
            Array.Copy(current, updated, current.Length);
            updated[^1] = handler;

            if (Interlocked.CompareExchange(ref _subscribers, updated, current) == current)
            {
                return new Subscription(this, handler);
            }
        }
    }

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public async Task PublishAsync(TEvent message)
    {
        var subscribers = Volatile.Read(ref _subscribers);
        foreach (var subscriber in subscribers)
        {
            try
            {
                await subscriber(message).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Subscriber for {typeof(TEvent).Name} threw: {ex.Message}");
            }
        }
    }

    private void Unsubscribe(Func<TEvent, ValueTask> handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscribers);
            var index = Array.IndexOf(current, handler);
            if (index < 0)
            {
                return;
            }

            var updated = new Func<TEvent, ValueTask>[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);

            if (Interlocked.CompareExchange(ref _subscribers, updated, current) == current)
            {
                return;
            }
        }
    }

    private sealed class Subscription : IDisposable
    {
        private EventHub<TEvent>? _hub;
        private readonly Func<TEvent, ValueTask> _handler;

        public Subscription(EventHub<TEvent> hub, Func<TEvent, ValueTask> handler)
        {
            _hub = hub;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _hub, null)?.Unsubscribe(_handler);
    }
}
