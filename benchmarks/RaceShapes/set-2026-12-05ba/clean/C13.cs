using System.Collections.Concurrent;

namespace Blind53.PuppetTheatre.Audience;

public interface IAudienceConnection
{
    string Id { get; }

    Task SendAsync(string method, object payload, CancellationToken cancellationToken);
}

/// <summary>
/// Groups of audience devices (per performance and per seating block) that receive
/// subtitle and cue broadcasts. Singleton; joins, leaves and broadcasts are called
/// concurrently by the hub.
/// </summary>
public sealed class AudienceGroups
{
    private readonly ConcurrentDictionary<string, IAudienceConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _groups = new(StringComparer.Ordinal);

    public void Connected(IAudienceConnection connection) => _connections[connection.Id] = connection;

    public void Disconnected(string connectionId)
    {
        _connections.TryRemove(connectionId, out _);
        foreach (var group in _groups.Values)
        {
            group.TryRemove(connectionId, out _);
        }
    }

    public void Join(string group, string connectionId)
    {
        var members = _groups.GetOrAdd(group, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        members.TryAdd(connectionId, 0);
    }

    public void Leave(string group, string connectionId)
    {
        if (_groups.TryGetValue(group, out var members))
        {
            members.TryRemove(connectionId, out _);
        }
    }

    public int MemberCount(string group) => _groups.TryGetValue(group, out var members) ? members.Count : 0;

    public async Task<int> BroadcastAsync(string group, string method, object payload, CancellationToken cancellationToken)
    {
        if (!_groups.TryGetValue(group, out var members))
        {
            return 0;
        }

        var sends = new List<Task>();
        foreach (var member in members)
        {
            if (_connections.TryGetValue(member.Key, out var connection))
            {
                sends.Add(connection.SendAsync(method, payload, cancellationToken));
            }
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        return sends.Count;
    }
}

public sealed class SubtitleHub
{
    private readonly AudienceGroups _groups;

    public SubtitleHub(AudienceGroups groups)
    {
        _groups = groups;
    }

    public Task JoinPerformance(IAudienceConnection caller, string performanceId, string language)
    {
        _groups.Join($"{performanceId}:{language}", caller.Id);
        return Task.CompletedTask;
    }

    public Task ShowLine(string performanceId, string language, string line, CancellationToken cancellationToken)
        => _groups.BroadcastAsync($"{performanceId}:{language}", "subtitle", new { line }, cancellationToken);
}
