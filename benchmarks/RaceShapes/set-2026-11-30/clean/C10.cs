namespace Blind.C10;

/// <summary>
/// In-process message hub. Plug-ins subscribe during start-up (plug-in
/// initialisation runs in parallel) and messages are published from any thread.
/// </summary>
public sealed class MessageHub
{
    private sealed record Registration(Type MessageType, Action<object> Callback);

    private Registration[] _registrations = Array.Empty<Registration>();

    public IDisposable Subscribe<T>(Action<T> callback)
    {
        var registration = new Registration(typeof(T), message => callback((T)message));

        while (true)
        {
            var current = Volatile.Read(ref _registrations);
            var updated = new Registration[current.Length + 1];
            Array.Copy(current, updated, current.Length);
            updated[^1] = registration;

            if (Interlocked.CompareExchange(ref _registrations, updated, current) == current)
            {
                return new Unsubscriber(this, registration);
            }
        }
    }

    public void Publish<T>(T message) where T : notnull
    {
        foreach (var registration in Volatile.Read(ref _registrations))
        {
            if (registration.MessageType.IsAssignableFrom(typeof(T)))
            {
                registration.Callback(message);
            }
        }
    }

    public int SubscriberCount => Volatile.Read(ref _registrations).Length;

    private void Remove(Registration registration)
    {
        while (true)
        {
            var current = Volatile.Read(ref _registrations);
            if (Array.IndexOf(current, registration) < 0)
            {
                return;
            }

            var updated = current.Where(r => !ReferenceEquals(r, registration)).ToArray();
            if (Interlocked.CompareExchange(ref _registrations, updated, current) == current)
            {
                return;
            }
        }
    }

    private sealed class Unsubscriber : IDisposable
    {
        private MessageHub? _hub;
        private readonly Registration _registration;

        public Unsubscriber(MessageHub hub, Registration registration)
        {
            _hub = hub;
            _registration = registration;
        }

        public void Dispose() => Interlocked.Exchange(ref _hub, null)?.Remove(_registration);
    }
}

public interface IPlugin
{
    void Start(MessageHub hub);
}

public static class PluginHost
{
    public static MessageHub StartAll(IReadOnlyList<IPlugin> plugins)
    {
        var hub = new MessageHub();
        Parallel.ForEach(plugins, plugin => plugin.Start(hub));
        return hub;
    }
}
