using System.Collections.Concurrent;

namespace Blind53.ChessClubs.Live;

public interface IClientConnection
{
    string ConnectionId { get; }

    Task SendAsync(string method, object payload, CancellationToken cancellationToken);
}

/// <summary>
/// Tracks which spectator connections follow which board during a club tournament round
/// and broadcasts moves to them. Registered as a singleton; connect, disconnect and
/// move-relay calls arrive concurrently from the hub.
/// </summary>
public sealed class BoardGroupManager
{
    private readonly ConcurrentDictionary<string, IClientConnection> _connections = new();
    private readonly ConcurrentDictionary<string, HashSet<string>> _groups = new(StringComparer.Ordinal);

    public void Connect(IClientConnection connection) => _connections[connection.ConnectionId] = connection;

    public void Disconnect(string connectionId)
    {
        _connections.TryRemove(connectionId, out _);
        foreach (var members in _groups.Values)
        {
            members.Remove(connectionId);
        }
    }

    public void AddToGroup(string board, string connectionId)
    {
        var members = _groups.GetOrAdd(board, _ => new HashSet<string>(StringComparer.Ordinal));
        members.Add(connectionId);
    }

    public void RemoveFromGroup(string board, string connectionId)
    {
        if (_groups.TryGetValue(board, out var members))
        {
            members.Remove(connectionId);
        }
    }

    public async Task BroadcastAsync(string board, object move, CancellationToken cancellationToken)
    {
        if (!_groups.TryGetValue(board, out var members))
        {
            return;
        }

        var sends = new List<Task>();
        foreach (var connectionId in members)
        {
            if (_connections.TryGetValue(connectionId, out var connection))
            {
                sends.Add(connection.SendAsync("moveMade", move, cancellationToken));
            }
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }
}

/// <summary>
/// Hub-facing entry points used by the spectator client.
/// </summary>
public sealed class TournamentHub
{
    private readonly BoardGroupManager _groups;

    public TournamentHub(BoardGroupManager groups)
    {
        _groups = groups;
    }

    public Task FollowBoard(IClientConnection caller, string board)
    {
        _groups.AddToGroup(board, caller.ConnectionId);
        return Task.CompletedTask;
    }

    public Task UnfollowBoard(IClientConnection caller, string board)
    {
        _groups.RemoveFromGroup(board, caller.ConnectionId);
        return Task.CompletedTask;
    }

    public Task RelayMove(string board, string san, CancellationToken cancellationToken)
        => _groups.BroadcastAsync(board, new { board, san }, cancellationToken);
}
