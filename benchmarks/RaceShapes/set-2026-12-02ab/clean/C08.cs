namespace Blind28.PuppetTheatre.Workshop;

public sealed record MarionetteRestrung(string PuppetName, int Strings);
public sealed record ShowCancelled(string Venue, DateOnly Date);

/// <summary>
/// Publishes workshop and tour events to whoever is interested. A single instance is
/// shared across the company's back-office app; publishing happens from background
/// sync jobs as well as from the UI.
/// </summary>
public sealed class WorkshopEvents
{
    private readonly object _writeLock = new();
    private Dictionary<Type, Delegate[]> _handlers = new();

    public IDisposable Subscribe<T>(Action<T> handler)
    {
        lock (_writeLock)
        {
            var copy = new Dictionary<Type, Delegate[]>(_handlers);
            copy[typeof(T)] = copy.TryGetValue(typeof(T), out var existing)
                ? existing.Append(handler).ToArray()
                : new Delegate[] { handler };
            Volatile.Write(ref _handlers, copy);
        }

        return new Unsubscriber(() => Remove(typeof(T), handler));
    }

    public int Publish<T>(T message)
    {
        var handlers = Volatile.Read(ref _handlers);
        if (!handlers.TryGetValue(typeof(T), out var list))
        {
            return 0;
        }

        foreach (var handler in list)
        {
            ((Action<T>)handler)(message);
        }

        return list.Length;
    }

    private void Remove(Type type, Delegate handler)
    {
        lock (_writeLock)
        {
            if (!_handlers.TryGetValue(type, out var existing))
            {
                return;
            }

            var copy = new Dictionary<Type, Delegate[]>(_handlers);
            var remaining = existing.Where(h => h != handler).ToArray();
            if (remaining.Length == 0)
            {
                copy.Remove(type);
            }
            else
            {
                copy[type] = remaining;
            }

            Volatile.Write(ref _handlers, copy);
        }
    }

    private sealed class Unsubscriber : IDisposable
    {
        private Action? _dispose;

        public Unsubscriber(Action dispose) => _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
