namespace Blind40.CiderOrchards.Events;

public abstract record OrchardEvent(DateTimeOffset At);

public sealed record BinFilled(DateTimeOffset At, string Block, string Variety, double Kg) : OrchardEvent(At);

public sealed record FrostAlert(DateTimeOffset At, string Block, double TempC) : OrchardEvent(At);

/// <summary>
/// In-process publish/subscribe broker for orchard events. Singleton; field
/// terminals publish from their own threads while modules subscribe and
/// unsubscribe at any time.
/// </summary>
public sealed class OrchardEventBroker
{
    private readonly object _sync = new();
    private readonly Dictionary<Type, Action<OrchardEvent>[]> _handlers = new();
    private long _published;

    public long Published => Interlocked.Read(ref _published);

    public IDisposable Subscribe<T>(Action<T> handler) where T : OrchardEvent
    {
        Action<OrchardEvent> wrapper = e => handler((T)e);
        lock (_sync)
        {
            _handlers.TryGetValue(typeof(T), out var existing);
            _handlers[typeof(T)] = (existing ?? Array.Empty<Action<OrchardEvent>>()).Append(wrapper).ToArray();
        }
        return new Subscription(() => Unsubscribe(typeof(T), wrapper));
    }

    public void Publish(OrchardEvent e)
    {
        Action<OrchardEvent>[]? handlers;
        lock (_sync)
        {
            _handlers.TryGetValue(e.GetType(), out handlers);
        }

        Interlocked.Increment(ref _published);
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(e);
            }
            catch (Exception ex)
            {
                System.Diagnostics.Trace.TraceError($"Orchard event handler failed: {ex.Message}");
            }
        }
    }

    private void Unsubscribe(Type type, Action<OrchardEvent> wrapper)
    {
        lock (_sync)
        {
            if (_handlers.TryGetValue(type, out var existing))
            {
                var remaining = existing.Where(h => h != wrapper).ToArray();
                if (remaining.Length == 0)
                {
                    _handlers.Remove(type);
                }
                else
                {
                    _handlers[type] = remaining;
                }
            }
        }
    }

    private sealed class Subscription : IDisposable
    {
        private Action? _dispose;

        public Subscription(Action dispose) => _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
