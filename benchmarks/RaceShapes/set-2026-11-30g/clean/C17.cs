namespace Gateway.Routing;

public sealed record RouteTarget(string ClusterId, Uri Destination, int Weight);

/// <summary>
/// Route table for the reverse proxy. Looked up on every request; updated when the
/// control plane pushes a new configuration.
/// </summary>
public sealed class RouteTable : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, List<RouteTarget>> _routes = new(StringComparer.OrdinalIgnoreCase);
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

    public RouteTarget? Resolve(string pathPrefix, int hash)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_routes.TryGetValue(pathPrefix, out var targets) || targets.Count == 0)
                return null;

            int totalWeight = 0;
            foreach (var t in targets)
                totalWeight += t.Weight;

            int pick = (hash & int.MaxValue) % Math.Max(1, totalWeight);
            foreach (var t in targets)
            {
                pick -= t.Weight;
                if (pick < 0)
                    return t;
            }

            return targets[^1];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Upsert(string pathPrefix, IEnumerable<RouteTarget> targets)
    {
        var list = targets.Where(t => t.Weight > 0).ToList();

        _lock.EnterWriteLock();
        try
        {
            _routes[pathPrefix] = list;
            _version++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(string pathPrefix)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_routes.ContainsKey(pathPrefix))
                return false;

            _lock.EnterWriteLock();
            try
            {
                _routes.Remove(pathPrefix);
                _version++;
                return true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
