namespace Blind8.Realtime.Groups;

/// <summary>
/// Maps chat rooms to the realtime connections currently joined to them.
/// Singleton; join/leave come from hub methods running on many connections at
/// once, and broadcasts read the membership concurrently.
/// </summary>
public sealed class RoomMembershipRegistry
{
    private readonly object _sync = new();
    private readonly Dictionary<string, HashSet<string>> _membersByRoom = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _roomsByConnection = new(StringComparer.Ordinal);

    public void Join(string room, string connectionId)
    {
        lock (_sync)
        {
            if (!_membersByRoom.TryGetValue(room, out var members))
            {
                members = new HashSet<string>(StringComparer.Ordinal);
                _membersByRoom.Add(room, members);
            }

            members.Add(connectionId);

            if (!_roomsByConnection.TryGetValue(connectionId, out var rooms))
            {
                rooms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                _roomsByConnection.Add(connectionId, rooms);
            }

            rooms.Add(room);
        }
    }

    public void Leave(string room, string connectionId)
    {
        lock (_sync)
        {
            RemoveMembership(room, connectionId);
        }
    }

    /// <summary>Called when a connection drops so it leaves every room it had joined.</summary>
    public void RemoveConnection(string connectionId)
    {
        lock (_sync)
        {
            if (!_roomsByConnection.TryGetValue(connectionId, out var rooms))
            {
                return;
            }

            foreach (var room in rooms.ToArray())
            {
                RemoveMembership(room, connectionId);
            }
        }
    }

    public IReadOnlyList<string> GetMembers(string room)
    {
        lock (_sync)
        {
            return _membersByRoom.TryGetValue(room, out var members)
                ? members.ToArray()
                : Array.Empty<string>();
        }
    }

    // Caller must hold _sync.
    private void RemoveMembership(string room, string connectionId)
    {
        if (_membersByRoom.TryGetValue(room, out var members) && members.Remove(connectionId) && members.Count == 0)
        {
            _membersByRoom.Remove(room);
        }

        if (_roomsByConnection.TryGetValue(connectionId, out var rooms) && rooms.Remove(room) && rooms.Count == 0)
        {
            _roomsByConnection.Remove(connectionId);
        }
    }
}

public sealed class ChatHub
{
    private readonly RoomMembershipRegistry _rooms;
    private readonly Func<string, string, CancellationToken, Task> _sendToConnection;

    public ChatHub(RoomMembershipRegistry rooms, Func<string, string, CancellationToken, Task> sendToConnection)
    {
        _rooms = rooms;
        _sendToConnection = sendToConnection;
    }

    public Task JoinRoom(string connectionId, string room)
    {
        _rooms.Join(room, connectionId);
        return Task.CompletedTask;
    }

    public Task OnDisconnectedAsync(string connectionId)
    {
        _rooms.RemoveConnection(connectionId);
        return Task.CompletedTask;
    }

    public Task SendToRoom(string room, string message, CancellationToken ct) =>
        Task.WhenAll(_rooms.GetMembers(room).Select(id => _sendToConnection(id, message, ct)));
}
