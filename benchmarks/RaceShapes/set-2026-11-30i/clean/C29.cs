namespace ReverseProxy.Routing;

public sealed record RouteTarget(string ClusterId, Uri Destination, int Weight);

/// <summary>
/// Prefix-based route table for the reverse proxy. Lookups happen on every
/// proxied request; updates arrive from the control-plane watcher every few
/// minutes.
/// </summary>
public sealed class RouteTable : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SortedDictionary<string, List<RouteTarget>> _routes = new(StringComparer.Ordinal);
    private long _revision;

    public long Revision
    {
        get
        {
            _lock.EnterReadLock();
            try { return _revision; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public RouteTarget? Match(string path)
    {
        _lock.EnterReadLock();
        try
        {
            string? bestPrefix = null;
            foreach (var prefix in _routes.Keys)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal)
                    && (bestPrefix is null || prefix.Length > bestPrefix.Length))
                {
                    bestPrefix = prefix;
                }
            }

            if (bestPrefix is null)
            {
                return null;
            }

            var targets = _routes[bestPrefix];
            return targets.Count == 0 ? null : targets[Random.Shared.Next(targets.Count)];
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Upsert(string prefix, IEnumerable<RouteTarget> targets)
    {
        var list = targets.Where(t => t.Weight > 0).ToList();

        _lock.EnterWriteLock();
        try
        {
            _routes[prefix] = list;
            _revision++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(string prefix)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_routes.Remove(prefix))
            {
                _revision++;
                return true;
            }

            return false;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyDictionary<string, int> DescribeClusters()
    {
        _lock.EnterReadLock();
        try
        {
            return _routes.ToDictionary(kv => kv.Key, kv => kv.Value.Count, StringComparer.Ordinal);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
