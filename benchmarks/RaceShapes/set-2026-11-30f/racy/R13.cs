namespace Chat.Realtime;

/// <summary>
/// Tracks which live connections belong to which user so that messages can
/// be fanned out to every tab or device the user has open. Hub callbacks for
/// different connections arrive concurrently.
/// </summary>
public sealed class UserConnectionRegistry
{
    private readonly object _sync = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByUser = new(StringComparer.Ordinal);

    public void Add(string userId, string connectionId)
    {
        lock (_sync)
        {
            if (!_connectionsByUser.TryGetValue(userId, out var connections))
            {
                connections = new HashSet<string>(StringComparer.Ordinal);
                _connectionsByUser[userId] = connections;
            }

            connections.Add(connectionId);
        }
    }

    public void Remove(string userId, string connectionId)
    {
        HashSet<string>? connections;
        lock (_sync)
        {
            _connectionsByUser.TryGetValue(userId, out connections);
        }

        if (connections == null)
        {
            return;
        }

        connections.Remove(connectionId);

        lock (_sync)
        {
            if (connections.Count == 0)
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

    public bool IsOnline(string userId)
    {
        lock (_sync)
        {
            return _connectionsByUser.ContainsKey(userId);
        }
    }
}

/// <summary>
/// Hub-like entry point; the transport layer calls these for each socket.
/// </summary>
public sealed class ChatHub
{
    private readonly UserConnectionRegistry _registry;
    private readonly Func<string, string, Task> _sendToConnection;

    public ChatHub(UserConnectionRegistry registry, Func<string, string, Task> sendToConnection)
    {
        _registry = registry;
        _sendToConnection = sendToConnection;
    }

    public Task OnConnectedAsync(string userId, string connectionId)
    {
        _registry.Add(userId, connectionId);
        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync(string userId, string connectionId)
    {
        _registry.Remove(userId, connectionId);
        return Task.CompletedTask;
    }

    public Task SendToUserAsync(string userId, string message)
    {
        var connections = _registry.GetConnections(userId);
        return Task.WhenAll(connections.Select(c => _sendToConnection(c, message)));
    }
}
