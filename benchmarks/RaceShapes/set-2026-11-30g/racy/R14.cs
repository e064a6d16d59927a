using System.Collections.Concurrent;

namespace Chat.Realtime;

/// <summary>
/// Tracks which live connections belong to which user so that notifications can be
/// fanned out to every device a user has open. Registered as a singleton; the hub calls
/// it from OnConnectedAsync / OnDisconnectedAsync for every client.
/// </summary>
public sealed class UserConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _connectionsByUser =
        new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, string> _userByConnection =
        new(StringComparer.Ordinal);

    public void OnConnected(string userId, string connectionId)
    {
        _userByConnection[connectionId] = userId;
        var connections = _connectionsByUser.GetOrAdd(userId, _ => new HashSet<string>(StringComparer.Ordinal));
        connections.Add(connectionId);
    }

    public void OnDisconnected(string connectionId)
    {
        if (!_userByConnection.TryRemove(connectionId, out var userId))
            return;

        if (_connectionsByUser.TryGetValue(userId, out var connections))
            connections.Remove(connectionId);
    }

    public IReadOnlyCollection<string> GetConnections(string userId)
    {
        return _connectionsByUser.TryGetValue(userId, out var connections)
            ? connections.ToArray()
            : Array.Empty<string>();
    }

    public bool IsOnline(string userId) =>
        _connectionsByUser.TryGetValue(userId, out var connections) && connections.Count > 0;

    public int OnlineUserCount => _connectionsByUser.Count(pair => pair.Value.Count > 0);
}

public interface IClientProxy
{
    Task SendAsync(string connectionId, string method, object payload, CancellationToken ct);
}

public sealed class NotificationFanout
{
    private readonly UserConnectionRegistry _registry;
    private readonly IClientProxy _clients;

    public NotificationFanout(UserConnectionRegistry registry, IClientProxy clients)
    {
        _registry = registry;
        _clients = clients;
    }

    public Task NotifyAsync(string userId, object payload, CancellationToken ct)
    {
        var sends = _registry.GetConnections(userId)
            .Select(id => _clients.SendAsync(id, "notify", payload, ct));
        return Task.WhenAll(sends);
    }
}
