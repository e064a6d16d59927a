using System.Collections.Concurrent;

namespace Blind2.R13;

/// <summary>
/// Tracks which realtime connections belong to which user so notifications
/// reach every open tab. The hub calls OnConnected/OnDisconnected from the
/// transport threads; the notification sender calls GetConnections from
/// background workers.
/// </summary>
public sealed class UserConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _connectionsByUser = new(StringComparer.Ordinal);

    public void OnConnected(string userId, string connectionId)
    {
        var connections = _connectionsByUser.GetOrAdd(userId, _ => new HashSet<string>(StringComparer.Ordinal));
        connections.Add(connectionId);
    }

    public void OnDisconnected(string userId, string connectionId)
    {
        if (_connectionsByUser.TryGetValue(userId, out var connections))
        {
            connections.Remove(connectionId);
        }
    }

    public IReadOnlyList<string> GetConnections(string userId)
        => _connectionsByUser.TryGetValue(userId, out var connections)
            ? connections.ToArray()
            : Array.Empty<string>();

    public int OnlineUserCount => _connectionsByUser.Count;
}

public interface IClientProxy
{
    Task SendAsync(string connectionId, string method, object payload, CancellationToken ct);
}

public sealed class NotificationHub
{
    private readonly UserConnectionRegistry _registry;

    public NotificationHub(UserConnectionRegistry registry) => _registry = registry;

    // Invoked by the transport for each new websocket connection.
    public Task OnConnectedAsync(string userId, string connectionId)
    {
        _registry.OnConnected(userId, connectionId);
        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync(string userId, string connectionId, Exception? error)
    {
        _registry.OnDisconnected(userId, connectionId);
        return Task.CompletedTask;
    }
}

public sealed class NotificationSender
{
    private readonly UserConnectionRegistry _registry;
    private readonly IClientProxy _clients;

    public NotificationSender(UserConnectionRegistry registry, IClientProxy clients)
    {
        _registry = registry;
        _clients = clients;
    }

    public Task NotifyAsync(string userId, string message, CancellationToken ct)
    {
        var sends = _registry.GetConnections(userId)
            .Select(id => _clients.SendAsync(id, "notify", new { message }, ct));
        return Task.WhenAll(sends);
    }
}
