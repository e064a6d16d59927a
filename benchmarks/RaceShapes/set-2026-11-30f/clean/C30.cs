namespace Gateway.Routing;

public sealed record RouteTarget(string Cluster, Uri Address, int Weight);

/// <summary>
/// Route table for the reverse proxy. Every proxied request performs a
/// lookup; the control plane adds and removes routes occasionally.
/// </summary>
public sealed class RouteTable : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly SortedDictionary<string, List<RouteTarget>> _routes = new(StringComparer.OrdinalIgnoreCase);
    private long _generation;

    public RouteTarget? Match(string path, int hash)
    {
        _lock.EnterReadLock();
        try
        {
            string? bestPrefix = null;
            foreach (var prefix in _routes.Keys)
            {
                if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
                    (bestPrefix == null || prefix.Length > bestPrefix.Length))
                {
                    bestPrefix = prefix;
                }
            }

            if (bestPrefix == null)
            {
                return null;
            }

            var targets = _routes[bestPrefix];
            return targets.Count == 0 ? null : targets[(hash & int.MaxValue) % targets.Count];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void AddTarget(string prefix, RouteTarget target)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_routes.TryGetValue(prefix, out var targets))
            {
                targets = new List<RouteTarget>();
                _routes.Add(prefix, targets);
            }

            targets.Add(target);
            _generation++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool RemoveCluster(string cluster)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = 0;
            foreach (var targets in _routes.Values)
            {
                removed += targets.RemoveAll(t => t.Cluster == cluster);
            }

            if (removed > 0)
            {
                _generation++;
            }

            return removed > 0;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public long Generation
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _generation;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
