namespace Blind8.Gateway.Routing;

public sealed record RouteTarget(string ClusterId, Uri Destination, int Weight);

/// <summary>
/// Prefix-based routing table for the API gateway. Every proxied request
/// performs a lookup; the admin API and service discovery update routes
/// occasionally.
/// </summary>
public sealed class PrefixRouteTable : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SortedDictionary<string, List<RouteTarget>> _routes = new(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public long Version
    {
        get
        {
            _lock.EnterReadLock();
            try { return _version; }
            finally { _lock.ExitReadLock(); }
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
            _version++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool RemoveCluster(string clusterId)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = 0;
            foreach (var targets in _routes.Values)
            {
                removed += targets.RemoveAll(t => t.ClusterId == clusterId);
            }

            foreach (var empty in _routes.Where(r => r.Value.Count == 0).Select(r => r.Key).ToList())
            {
                _routes.Remove(empty);
            }

            if (removed > 0)
            {
                _version++;
            }

            return removed > 0;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public RouteTarget? Match(string path, int hash)
    {
        _lock.EnterReadLock();
        try
        {
            List<RouteTarget>? best = null;
            var bestLength = -1;
            foreach (var (prefix, targets) in _routes)
            {
                if (prefix.Length > bestLength && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    best = targets;
                    bestLength = prefix.Length;
                }
            }

            if (best is null || best.Count == 0)
            {
                return null;
            }

            var totalWeight = best.Sum(t => t.Weight);
            var pick = (int)((uint)hash % (uint)Math.Max(1, totalWeight));
            foreach (var target in best)
            {
                pick -= target.Weight;
                if (pick < 0)
                {
                    return target;
                }
            }

            return best[^1];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
