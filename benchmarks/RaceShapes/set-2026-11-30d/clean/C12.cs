namespace Blind4.Clean.Realtime.Presence;

/// <summary>
/// Maps users to their live hub connections (one per browser tab or device) so that
/// notifications can be pushed to every connection of a user. Registered as a singleton;
/// the hub calls <see cref="OnConnected"/> and <see cref="OnDisconnected"/> for each connection.
/// </summary>
public sealed class UserConnectionRegistry
{
    private readonly object _sync = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _userByConnection = new(StringComparer.Ordinal);

    public int OnlineUsers
    {
        get
        {
            lock (_sync)
            {
                return _connectionsByUser.Count;
            }
        }
    }

    public void OnConnected(string connectionId, string userId)
    {
        lock (_sync)
        {
            _userByConnection[connectionId] = userId;
            if (!_connectionsByUser.TryGetValue(userId, out var connections))
            {
                connections = new HashSet<string>(StringComparer.Ordinal);
                _connectionsByUser.Add(userId, connections);
            }
            connections.Add(connectionId);
        }
    }

    public void OnDisconnected(string connectionId)
    {
        lock (_sync)
        {
            if (!_userByConnection.Remove(connectionId, out var userId))
            {
                return;
            }

            if (_connectionsByUser.TryGetValue(userId, out var connections)
                && connections.Remove(connectionId)
                && connections.Count == 0)
            {
                _connectionsByUser.Remove(userId);
            }
        }
    }

    public IReadOnlyList<string> GetConnections(string userId)
    {
        lock (_sync)
        {
            return _connectionsByUser.TryGetValue(userId, out var connections)
                ? connections.ToArray()
                : Array.Empty<string>();
        }
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
