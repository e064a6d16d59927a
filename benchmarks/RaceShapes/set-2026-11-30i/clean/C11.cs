using System.Collections.Concurrent;

namespace LiveBoard.Hubs;

/// <summary>
/// Keeps track of which SignalR connections are watching which dashboard.
/// The hub's lifecycle methods call into this singleton from many
/// connections at once.
/// </summary>
public sealed class DashboardSubscriptions
{
    private readonly ConcurrentDictionary<string, HashSet<string>> _watchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _dashboardByConnection = new(StringComparer.Ordinal);

    public void Watch(string connectionId, string dashboardId)
    {
        var set = _watchers.GetOrAdd(dashboardId, static _ => new HashSet<string>(StringComparer.Ordinal));
        lock (set)
        {
            set.Add(connectionId);
        }

        if (_dashboardByConnection.TryGetValue(connectionId, out var previous) && previous != dashboardId)
        {
            Unwatch(connectionId, previous);
        }

        _dashboardByConnection[connectionId] = dashboardId;
    }

    public void Unwatch(string connectionId, string dashboardId)
    {
        if (_watchers.TryGetValue(dashboardId, out var set))
        {
            lock (set)
            {
                set.Remove(connectionId);
            }
        }
    }

    public void OnDisconnected(string connectionId)
    {
        if (_dashboardByConnection.TryRemove(connectionId, out var dashboardId))
        {
            Unwatch(connectionId, dashboardId);
        }
    }

    public int CountWatchers(string dashboardId)
    {
        if (!_watchers.TryGetValue(dashboardId, out var set))
        {
            return 0;
        }

        lock (set)
        {
            return set.Count;
        }
    }

    public IReadOnlyList<string> GetWatchers(string dashboardId)
    {
        if (!_watchers.TryGetValue(dashboardId, out var set))
        {
            return Array.Empty<string>();
        }

        lock (set)
        {
            return set.ToArray();
        }
    }
}
