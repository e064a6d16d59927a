using System.Collections.Concurrent;

namespace Blind35.Rickshaws.Realtime;

public interface IClientProxy
{
    Task SendAsync(string method, object payload, CancellationToken ct);
}

/// <summary>
/// Tracks which riders' app connections belong to which dispatch zone. Registered as a
/// singleton; hub connect/disconnect callbacks and the dispatcher call it concurrently.
/// </summary>
public sealed class ZoneConnectionRegistry
{
    private readonly ConcurrentDictionary<string, IClientProxy> _connections = new();
    private readonly object _zonesLock = new();
    private readonly Dictionary<string, HashSet<string>> _zones = new(StringComparer.OrdinalIgnoreCase);

    public void Connected(string connectionId, IClientProxy client) => _connections[connectionId] = client;

    public void Disconnected(string connectionId)
    {
        _connections.TryRemove(connectionId, out _);
        lock (_zonesLock)
        {
            foreach (var members in _zones.Values)
            {
                members.Remove(connectionId);
            }
        }
    }

    public void JoinZone(string connectionId, string zone)
    {
        lock (_zonesLock)
        {
            if (!_zones.TryGetValue(zone, out var members))
            {
                members = new HashSet<string>(StringComparer.Ordinal);
                _zones[zone] = members;
            }

            members.Add(connectionId);
        }
    }

    public void LeaveZone(string connectionId, string zone)
    {
        lock (_zonesLock)
        {
            if (_zones.TryGetValue(zone, out var members) && members.Remove(connectionId) && members.Count == 0)
            {
                _zones.Remove(zone);
            }
        }
    }

    public async Task<int> BroadcastToZoneAsync(string zone, string method, object payload, CancellationToken ct)
    {
        string[] targets;
        lock (_zonesLock)
        {
            targets = _zones.TryGetValue(zone, out var members) ? members.ToArray() : Array.Empty<string>();
        }

        var sends = new List<Task>(targets.Length);
        foreach (var id in targets)
        {
            if (_connections.TryGetValue(id, out var client))
            {
                sends.Add(client.SendAsync(method, payload, ct));
            }
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        return sends.Count;
    }
}

public sealed class DispatchHub
{
    private readonly ZoneConnectionRegistry _registry;

    public DispatchHub(ZoneConnectionRegistry registry) => _registry = registry;

    public string ConnectionId { get; init; } = "";

    public Task EnterZone(string zone)
    {
        _registry.JoinZone(ConnectionId, zone);
        return Task.CompletedTask;
    }

    public Task<int> OfferFare(string zone, string pickup, decimal fare) =>
        _registry.BroadcastToZoneAsync(zone, "fareOffered", new { pickup, fare }, CancellationToken.None);
}
