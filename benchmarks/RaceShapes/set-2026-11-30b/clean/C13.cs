namespace Blind2.C13;

/// <summary>
/// Maps users to their live websocket connections. Connect/disconnect come
/// from the transport threads and lookups come from notification workers.
/// </summary>
public sealed class PresenceTracker
{
    private readonly object _sync = new();
    private readonly Dictionary<string, HashSet<string>> _byUser = new(StringComparer.Ordinal);

    public bool Connect(string userId, string connectionId)
    {
        lock (_sync)
        {
            if (!_byUser.TryGetValue(userId, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                _byUser.Add(userId, set);
            }

            set.Add(connectionId);
            return set.Count == 1; // true when the user just came online
        }
    }

    public bool Disconnect(string userId, string connectionId)
    {
        lock (_sync)
        {
            if (!_byUser.TryGetValue(userId, out var set))
                return false;

            set.Remove(connectionId);
            if (set.Count > 0)
                return false;

            _byUser.Remove(userId);
            return true; // true when the user went offline
        }
    }

    public string[] ConnectionsOf(string userId)
    {
        lock (_sync)
        {
            return _byUser.TryGetValue(userId, out var set) ? set.ToArray() : Array.Empty<string>();
        }
    }

    public int OnlineUsers
    {
        get
        {
            lock (_sync)
                return _byUser.Count;
        }
    }
}

public sealed class PresenceHub
{
    private readonly PresenceTracker _tracker;
    private readonly Func<string, bool, Task> _broadcastStatus;

    public PresenceHub(PresenceTracker tracker, Func<string, bool, Task> broadcastStatus)
    {
        _tracker = tracker;
        _broadcastStatus = broadcastStatus;
    }

    public Task OnConnectedAsync(string userId, string connectionId)
        => _tracker.Connect(userId, connectionId) ? _broadcastStatus(userId, true) : Task.CompletedTask;

    public Task OnDisconnectedAsync(string userId, string connectionId)
        => _tracker.Disconnect(userId, connectionId) ? _broadcastStatus(userId, false) : Task.CompletedTask;
}
