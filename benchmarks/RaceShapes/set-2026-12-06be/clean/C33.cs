using Microsoft.AspNetCore.SignalR;

namespace Blind57.EscapeRooms.Live;

/// <summary>
/// Tracks which player devices are connected to which escape room. Registered as a singleton and
/// called from hub methods for every connection.
/// </summary>
public sealed class RoomPresence
{
    private readonly object _gate = new();
    private readonly Dictionary<string, HashSet<string>> _connectionsByRoom = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _roomByConnection = new(StringComparer.Ordinal);

    /// <summary>Adds the connection to the room, leaving any room it was in; returns the new head count.</summary>
    public (int Count, string? PreviousRoom, int PreviousCount) Join(string room, string connectionId)
    {
        lock (_gate)
        {
            string? previous = null;
            int previousCount = 0;
            if (_roomByConnection.TryGetValue(connectionId, out var old) && !string.Equals(old, room, StringComparison.OrdinalIgnoreCase))
            {
                previous = old;
                previousCount = RemoveFromRoom(old, connectionId);
            }

            if (!_connectionsByRoom.TryGetValue(room, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                _connectionsByRoom[room] = set;
            }
            set.Add(connectionId);
            _roomByConnection[connectionId] = room;
            return (set.Count, previous, previousCount);
        }
    }

    public (string? Room, int Count) Leave(string connectionId)
    {
        lock (_gate)
        {
            if (!_roomByConnection.Remove(connectionId, out var room)) return (null, 0);
            return (room, RemoveFromRoom(room, connectionId));
        }
    }

    public int CountIn(string room)
    {
        lock (_gate)
        {
            return _connectionsByRoom.TryGetValue(room, out var set) ? set.Count : 0;
        }
    }

    private int RemoveFromRoom(string room, string connectionId)
    {
        if (!_connectionsByRoom.TryGetValue(room, out var set)) return 0;
        set.Remove(connectionId);
        if (set.Count == 0) _connectionsByRoom.Remove(room);
        return set.Count;
    }
}

/// <summary>Hub used by the players' tablets and the game master's console.</summary>
public sealed class RoomHub : Hub
{
    private readonly RoomPresence _presence;

    public RoomHub(RoomPresence presence) => _presence = presence;

    public async Task JoinRoom(string room)
    {
        var (count, previous, previousCount) = _presence.Join(room, Context.ConnectionId);
        if (previous is not null)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, previous);
            await Clients.Group(previous).SendAsync("PlayersChanged", previousCount);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, room);
        await Clients.Group(room).SendAsync("PlayersChanged", count);
    }

    public Task SendHint(string room, string hint) =>
        Clients.Group(room).SendAsync("Hint", hint);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var (room, count) = _presence.Leave(Context.ConnectionId);
        if (room is not null)
        {
            await Clients.Group(room).SendAsync("PlayersChanged", count);
        }
        await base.OnDisconnectedAsync(exception);
    }
}
