using System.Collections.Concurrent;

namespace Chat.Realtime;

/// <summary>
/// Tracks which live connections belong to which user so that a message can be pushed to every
/// tab or device the user has open. Registered as a singleton; hub lifecycle callbacks arrive
/// on thread-pool threads.
/// </summary>
public sealed class UserConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _connectionsByUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _userByConnection = new(StringComparer.Ordinal);

    public int ConnectionCount => _userByConnection.Count;

    public void OnConnected(string userId, string connectionId)
    {
        _userByConnection[connectionId] = userId;

        var connections = _connectionsByUser.GetOrAdd(userId, static _ => new HashSet<string>(StringComparer.Ordinal));
        connections.Add(connectionId);
    }

    public void OnDisconnected(string connectionId)
    {
        if (!_userByConnection.TryRemove(connectionId, out var userId))
        {
            return;
        }

        if (_connectionsByUser.TryGetValue(userId, out var connections))
        {
            connections.Remove(connectionId);
        }
    }

    public IReadOnlyList<string> GetConnections(string userId)
    {
        return _connectionsByUser.TryGetValue(userId, out var connections)
            ? connections.ToArray()
            : Array.Empty<string>();
    }

    public bool IsOnline(string userId) => GetConnections(userId).Count > 0;
}

/// <summary>Pushes notifications to every connection of a user.</summary>
public sealed class NotificationPusher
{
    private readonly UserConnectionRegistry _registry;
    private readonly Func<string, string, CancellationToken, Task> _sendToConnection;

    public NotificationPusher(UserConnectionRegistry registry, Func<string, string, CancellationToken, Task> sendToConnection)
    {
        _registry = registry;
        _sendToConnection = sendToConnection;
    }

    public async Task<int> PushAsync(string userId, string message, CancellationToken cancellationToken)
    {
        var connections = _registry.GetConnections(userId);
        await Task.WhenAll(connections.Select(id => _sendToConnection(id, message, cancellationToken))).ConfigureAwait(false);
        return connections.Count;
    }
}
