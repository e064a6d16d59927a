namespace Fabrikam.Routing
{
    public sealed record RouteTarget(string ClusterId, Uri Destination, int Weight);

    /// <summary>
    /// Route table for the reverse proxy. Every proxied request performs a
    /// lookup; the control plane occasionally adds, replaces or removes routes.
    /// </summary>
    public sealed class ProxyRouteTable : IDisposable
    {
        private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
        private readonly Dictionary<string, List<RouteTarget>> _routesByPrefix = new(StringComparer.OrdinalIgnoreCase);
        private long _version;

        public long Version
        {
            get
            {
                _lock.EnterReadLock();
                try
                {
                    return _version;
                }
                finally
                {
                    _lock.ExitReadLock();
                }
            }
        }

        public RouteTarget? Match(string path)
        {
            _lock.EnterReadLock();
            try
            {
                var prefix = path;
                while (prefix.Length > 0)
                {
                    if (_routesByPrefix.TryGetValue(prefix, out var targets) && targets.Count > 0)
                    {
                        return PickWeighted(targets, path);
                    }

                    var slash = prefix.LastIndexOf('/');
                    prefix = slash <= 0 ? (prefix == "/" ? string.Empty : "/") : prefix[..slash];
                }
                return null;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public void Upsert(string prefix, IEnumerable<RouteTarget> targets)
        {
            var list = targets.ToList();
            _lock.EnterWriteLock();
            try
            {
                _routesByPrefix[prefix] = list;
                _version++;
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
                var removed = _routesByPrefix.Remove(prefix);
                if (removed)
                {
                    _version++;
                }
                return removed;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        private static RouteTarget PickWeighted(List<RouteTarget> targets, string path)
        {
            var total = 0;
            foreach (var t in targets)
            {
                total += Math.Max(1, t.Weight);
            }

            var slot = (int)((uint)StringComparer.Ordinal.GetHashCode(path) % (uint)total);
            foreach (var t in targets)
            {
                slot -= Math.Max(1, t.Weight);
                if (slot < 0)
                {
                    return t;
                }
            }
            return targets[^1];
        }

        public void Dispose() => _lock.Dispose();
    }
}
