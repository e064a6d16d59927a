using System.Collections.Concurrent;

namespace Blind4.Realtime.Presence;

/// <summary>
/// Maps users to their live hub connections (one per browser tab or device) so that
/// notifications can be pushed to every connection of a user. Registered as a singleton;
/// the hub calls <see cref="OnConnected"/> and <see cref="OnDisconnected"/> for each connection.
/// </summary>
public sealed class UserConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _connectionsByUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _userByConnection = new(StringComparer.Ordinal);

    public int OnlineUsers => _connectionsByUser.Count(pair => pair.Value.Count > 0);

    public void OnConnected(string connectionId, string userId)
    {
        _userByConnection[connectionId] = userId;
        var connections = _connectionsByUser.GetOrAdd(userId, _ => new HashSet<string>(StringComparer.Ordinal));
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

    public async Task<int> SendToUserAsync(string userId, string method, object payload,
        Func<string, string, object, CancellationToken, Task> sendToConnection, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var connectionId in GetConnections(userId))
        {
            await sendToConnection(connectionId, method, payload, cancellationToken).ConfigureAwait(false);
            sent++;
        }
        return sent;
    }
}
