namespace Chat.Realtime.Groups;

/// <summary>
/// Keeps the members of each chat room. Singleton; join and leave notifications come from hub
/// callbacks on arbitrary threads while broadcasts enumerate room members.
/// </summary>
public sealed class RoomMembership
{
    private readonly object _sync = new();
    private readonly Dictionary<string, HashSet<string>> _membersByRoom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _roomsByConnection = new(StringComparer.Ordinal);

    public void Join(string roomId, string connectionId)
    {
        lock (_sync)
        {
            if (!_membersByRoom.TryGetValue(roomId, out var members))
            {
                members = new HashSet<string>(StringComparer.Ordinal);
                _membersByRoom.Add(roomId, members);
            }

            members.Add(connectionId);

            if (!_roomsByConnection.TryGetValue(connectionId, out var rooms))
            {
                rooms = new HashSet<string>(StringComparer.Ordinal);
                _roomsByConnection.Add(connectionId, rooms);
            }

            rooms.Add(roomId);
        }
    }

    public void Leave(string roomId, string connectionId)
    {
        lock (_sync)
        {
            RemoveMember(roomId, connectionId);
            if (_roomsByConnection.TryGetValue(connectionId, out var rooms) && rooms.Remove(roomId) && rooms.Count == 0)
            {
                _roomsByConnection.Remove(connectionId);
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_sync)
        {
            if (!_roomsByConnection.Remove(connectionId, out var rooms))
            {
                return;
            }

            foreach (var roomId in rooms)
            {
                RemoveMember(roomId, connectionId);
            }
        }
    }

    public string[] MembersOf(string roomId)
    {
        lock (_sync)
        {
            return _membersByRoom.TryGetValue(roomId, out var members) ? members.ToArray() : Array.Empty<string>();
        }
    }

    public int RoomCount
    {
        get { lock (_sync) return _membersByRoom.Count; }
    }

    private void RemoveMember(string roomId, string connectionId)
    {
        if (_membersByRoom.TryGetValue(roomId, out var members) && members.Remove(connectionId) && members.Count == 0)
        {
            _membersByRoom.Remove(roomId);
        }
    }
}
