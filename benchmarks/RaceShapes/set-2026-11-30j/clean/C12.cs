namespace Blind10.Realtime.Rooms;

public interface IClientProxy
{
    Task SendAsync(string connectionId, string method, object? arg, CancellationToken ct);
}

/// <summary>
/// Keeps track of chat rooms and which connections are in them. Hub methods for different
/// connections call into this registry concurrently.
/// </summary>
public sealed class RoomRegistry
{
    private readonly object _lock = new();
    private readonly Dictionary<string, HashSet<string>> _roomMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _roomsByConnection = new(StringComparer.Ordinal);

    public void Join(string connectionId, string room)
    {
        lock (_lock)
        {
            if (!_roomMembers.TryGetValue(room, out var members))
            {
                members = new HashSet<string>(StringComparer.Ordinal);
                _roomMembers[room] = members;
            }
            members.Add(connectionId);

            if (!_roomsByConnection.TryGetValue(connectionId, out var rooms))
            {
                rooms = new HashSet<string>(StringComparer.Ordinal);
                _roomsByConnection[connectionId] = rooms;
            }
            rooms.Add(room);
        }
    }

    public void Leave(string connectionId, string room)
    {
        lock (_lock)
        {
            RemoveMember(room, connectionId);
            if (_roomsByConnection.TryGetValue(connectionId, out var rooms))
            {
                rooms.Remove(room);
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_lock)
        {
            if (!_roomsByConnection.Remove(connectionId, out var rooms))
            {
                return;
            }
            foreach (var room in rooms)
            {
                RemoveMember(room, connectionId);
            }
        }
    }

    public string[] Members(string room)
    {
        lock (_lock)
        {
            return _roomMembers.TryGetValue(room, out var members) ? members.ToArray() : Array.Empty<string>();
        }
    }

    private void RemoveMember(string room, string connectionId)
    {
        if (_roomMembers.TryGetValue(room, out var members) && members.Remove(connectionId) && members.Count == 0)
        {
            _roomMembers.Remove(room);
        }
    }
}

public sealed class RoomBroadcaster
{
    private readonly RoomRegistry _rooms;
    private readonly IClientProxy _clients;

    public RoomBroadcaster(RoomRegistry rooms, IClientProxy clients)
    {
        _rooms = rooms;
        _clients = clients;
    }

    public Task SendToRoomAsync(string room, string method, object? arg, CancellationToken ct) =>
        Task.WhenAll(_rooms.Members(room).Select(id => _clients.SendAsync(id, method, arg, ct)));
}
