using System.Collections.Concurrent;

namespace Blind10.Realtime.Groups;

public interface IConnectionSender
{
    Task SendAsync(string connectionId, string method, object? payload, CancellationToken ct);
}

/// <summary>
/// Tracks which realtime connections belong to which groups. The hub calls into the
/// registry from OnConnected/OnDisconnected and from hub methods, which run concurrently
/// for different connections.
/// </summary>
public sealed class GroupMembershipRegistry
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _groupsByConnection =
        new(StringComparer.Ordinal);

    public void AddToGroup(string connectionId, string groupName)
    {
        var members = _members.GetOrAdd(groupName, _ => new HashSet<string>(StringComparer.Ordinal));
        members.Add(connectionId);

        _groupsByConnection
            .GetOrAdd(connectionId, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal))
            .TryAdd(groupName, 0);
    }

    public void RemoveFromGroup(string connectionId, string groupName)
    {
        if (_members.TryGetValue(groupName, out var members))
        {
            members.Remove(connectionId);
        }
        if (_groupsByConnection.TryGetValue(connectionId, out var groups))
        {
            groups.TryRemove(groupName, out _);
        }
    }

    public void OnDisconnected(string connectionId)
    {
        if (!_groupsByConnection.TryRemove(connectionId, out var groups))
        {
            return;
        }

        foreach (var groupName in groups.Keys)
        {
            if (_members.TryGetValue(groupName, out var members))
            {
                members.Remove(connectionId);
            }
        }
    }

    public IReadOnlyList<string> GetMembers(string groupName) =>
        _members.TryGetValue(groupName, out var members) ? members.ToArray() : Array.Empty<string>();
}

public sealed class GroupBroadcaster
{
    private readonly GroupMembershipRegistry _registry;
    private readonly IConnectionSender _sender;

    public GroupBroadcaster(GroupMembershipRegistry registry, IConnectionSender sender)
    {
        _registry = registry;
        _sender = sender;
    }

    public Task SendToGroupAsync(string groupName, string method, object? payload, CancellationToken ct)
    {
        var recipients = _registry.GetMembers(groupName);
        return Task.WhenAll(recipients.Select(id => _sender.SendAsync(id, method, payload, ct)));
    }
}
