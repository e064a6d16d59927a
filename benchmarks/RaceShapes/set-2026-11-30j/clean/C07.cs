using System.Reflection;

namespace Blind10.Plugins.Notifications;

public interface INotificationChannel
{
    string Name { get; }
    Task SendAsync(string recipient, string subject, string body, CancellationToken ct);
}

/// <summary>
/// Discovers notification channels (email, SMS, chat...) from plugin assemblies on first
/// use. Registered as a singleton and used by every request that sends a notification.
/// </summary>
public sealed class NotificationChannelRegistry
{
    private readonly Lazy<IReadOnlyDictionary<string, INotificationChannel>> _channels;

    public NotificationChannelRegistry(IEnumerable<Assembly> pluginAssemblies)
    {
        var assemblies = pluginAssemblies.ToArray();
        _channels = new Lazy<IReadOnlyDictionary<string, INotificationChannel>>(
            () => Discover(assemblies),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public INotificationChannel Get(string name) =>
        _channels.Value.TryGetValue(name, out var channel)
            ? channel
            : throw new KeyNotFoundException($"Notification channel '{name}' is not installed.");

    public IEnumerable<string> Installed => _channels.Value.Keys;

    private static IReadOnlyDictionary<string, INotificationChannel> Discover(Assembly[] assemblies)
    {
        var found = new Dictionary<string, INotificationChannel>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in assemblies)
        {
            Type[] types;
            try
            {
                types = assembly.GetExportedTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                types = ex.Types.OfType<Type>().ToArray();
            }

            foreach (var type in types)
            {
                if (type.IsAbstract || !typeof(INotificationChannel).IsAssignableFrom(type))
                {
                    continue;
                }
                if (type.GetConstructor(Type.EmptyTypes) is null)
                {
                    continue;
                }

                var channel = (INotificationChannel)Activator.CreateInstance(type)!;
                found[channel.Name] = channel;
            }
        }
        return found;
    }
}

public sealed class NotificationService
{
    private readonly NotificationChannelRegistry _registry;

    public NotificationService(NotificationChannelRegistry registry) => _registry = registry;

    public Task NotifyAsync(string channelName, string recipient, string subject, string body, CancellationToken ct) =>
        _registry.Get(channelName).SendAsync(recipient, subject, body, ct);

    public Task BroadcastAsync(string recipient, string subject, string body, CancellationToken ct) =>
        Task.WhenAll(_registry.Installed.Select(name => NotifyAsync(name, recipient, subject, body, ct)));
}
