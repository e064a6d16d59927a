using System.Collections.Concurrent;

namespace Blind8.Realtime.Presence;

/// <summary>
/// Tracks which realtime connections belong to which user so notifications can
/// be pushed to every open tab or device. Registered as a singleton; the hub
/// calls it from OnConnectedAsync / OnDisconnectedAsync for each connection.
/// </summary>
public sealed class UserConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _connectionsByUser =
        new(StringComparer.Ordinal);

    public void Add(string userId, string connectionId)
    {
        var connections = _connectionsByUser.GetOrAdd(userId, _ => new HashSet<string>(StringComparer.Ordinal));
        connections.Add(connectionId);
    }

    public void Remove(string userId, string connectionId)
    {
        if (_connectionsByUser.TryGetValue(userId, out var connections))
        {
            connections.Remove(connectionId);
        }
    }

    public IReadOnlyCollection<string> GetConnections(string userId)
    {
        return _connectionsByUser.TryGetValue(userId, out var connections)
            ? connections.ToArray()
            : Array.Empty<string>();
    }

    public bool IsOnline(string userId) =>
        _connectionsByUser.TryGetValue(userId, out var connections) && connections.Count > 0;
}

public interface IClientProxy
{
    Task SendAsync(string method, object? payload, CancellationToken ct = default);
}

public interface IConnectionTransport
{
    IClientProxy Client(string connectionId);
}

/// <summary>Connection lifetime callbacks, invoked once per connection by the realtime server.</summary>
public sealed class NotificationHub
{
    private readonly UserConnectionRegistry _registry;
    private readonly IConnectionTransport _transport;

    public NotificationHub(UserConnectionRegistry registry, IConnectionTransport transport)
    {
        _registry = registry;
        _transport = transport;
    }

    public Task OnConnectedAsync(string userId, string connectionId)
    {
        _registry.Add(userId, connectionId);
        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync(string userId, string connectionId, Exception? error)
    {
        _registry.Remove(userId, connectionId);
        return Task.CompletedTask;
    }

    public async Task NotifyUserAsync(string userId, string message, CancellationToken ct)
    {
        foreach (var connectionId in _registry.GetConnections(userId))
        {
            await _transport.Client(connectionId).SendAsync("notify", message, ct).ConfigureAwait(false);
        }
    }
}
