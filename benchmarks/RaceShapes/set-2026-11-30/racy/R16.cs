namespace Blind.R16;

/// <summary>
/// Minimal in-process event bus. Modules subscribe while they initialise (module
/// initialisation runs in parallel at startup) and publish from any thread.
/// </summary>
public sealed class EventBus
{
    private sealed record Handler(Type MessageType, Action<object> Invoke);

    private Handler[] _handlers = Array.Empty<Handler>();

    public IDisposable Subscribe<T>(Action<T> callback)
    {
        var entry = new Handler(typeof(T), message => callback((T)message));

        var current = _handlers;
        var updated = new Handler[current.Length + 1];
        Array.Copy(current, updated, current.Length);
        updated[^1] = entry;
        _handlers = updated;

        return new Subscription(this, entry);
    }

    public void Publish<T>(T message) where T : notnull
    {
        var snapshot = _handlers;
        foreach (var handler in snapshot)
        {
            if (handler.MessageType.IsAssignableFrom(typeof(T)))
            {
                handler.Invoke(message);
            }
        }
    }

    public int HandlerCount => _handlers.Length;

    private void Unsubscribe(Handler entry)
    {
        var current = _handlers;
        if (Array.IndexOf(current, entry) < 0)
        {
            return;
        }

        _handlers = current.Where(h => !ReferenceEquals(h, entry)).ToArray();
    }

    private sealed class Subscription : IDisposable
    {
        private EventBus? _bus;
        private readonly Handler _entry;

        public Subscription(EventBus bus, Handler entry)
        {
            _bus = bus;
            _entry = entry;
        }

        public void Dispose()
        {
            Interlocked.Exchange(ref _bus, null)?.Unsubscribe(_entry);
        }
    }
}

public interface IModule
{
    void Initialize(EventBus bus);
}

public static class ModuleHost
{
    public static EventBus Start(IReadOnlyList<IModule> modules)
    {
        var bus = new EventBus();
        Parallel.ForEach(modules, module => module.Initialize(bus));
        return bus;
    }
}
