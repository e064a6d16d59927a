using System.Collections.Concurrent;

namespace ChatHub.Realtime;

public interface IClientProxy
{
    Task SendAsync(string method, object? payload, CancellationToken ct = default);
}

/// <summary>
/// Tracks which connections belong to which chat room. The hub calls into
/// this from OnConnected/OnDisconnected and from JoinRoom/LeaveRoom, so one
/// instance sees every connection of the server.
/// </summary>
public sealed class RoomMembership
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IClientProxy> _clients = new();

    public void OnConnected(string connectionId, IClientProxy client)
    {
        _clients[connectionId] = client;
    }

    public void OnDisconnected(string connectionId)
    {
        _clients.TryRemove(connectionId, out _);
        foreach (var room in _rooms.Values)
        {
            lock (room)
            {
                room.Remove(connectionId);
            }
        }
    }

    public void JoinRoom(string connectionId, string roomName)
    {
        var members = _rooms.GetOrAdd(roomName, _ => new HashSet<string>());
        members.Add(connectionId);
    }

    public void LeaveRoom(string connectionId, string roomName)
    {
        if (_rooms.TryGetValue(roomName, out var members))
        {
            lock (members)
            {
                members.Remove(connectionId);
            }
        }
    }

    public async Task BroadcastAsync(string roomName, string method, object? payload, CancellationToken ct)
    {
        if (!_rooms.TryGetValue(roomName, out var members))
        {
            return;
        }

        string[] targets;
        lock (members)
        {
            targets = members.ToArray();
        }

        var sends = new List<Task>(targets.Length);
        foreach (var id in targets)
        {
            if (_clients.TryGetValue(id, out var client))
            {
                sends.Add(client.SendAsync(method, payload, ct));
            }
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }
}
