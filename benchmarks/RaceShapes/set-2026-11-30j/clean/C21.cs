namespace Blind10.Gateway.Routing;

public sealed record RouteEntry(string PathPrefix, Uri Upstream, bool StripPrefix);

/// <summary>
/// Route table of the reverse proxy. Every proxied request looks up its upstream here;
/// the admin API and the config loader replace routes at runtime.
/// </summary>
public sealed class ProxyRouteTable : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<RouteEntry> _routes = new();
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

    public bool TryMatch(string path, out RouteEntry? route)
    {
        _lock.EnterReadLock();
        try
        {
            route = null;
            foreach (var candidate in _routes)
            {
                if (path.StartsWith(candidate.PathPrefix, StringComparison.OrdinalIgnoreCase) &&
                    (route is null || candidate.PathPrefix.Length > route.PathPrefix.Length))
                {
                    route = candidate;
                }
            }
            return route is not null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Upsert(RouteEntry route)
    {
        _lock.EnterWriteLock();
        try
        {
            int index = _routes.FindIndex(r => string.Equals(r.PathPrefix, route.PathPrefix, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                _routes[index] = route;
            }
            else
            {
                _routes.Add(route);
            }
            _version++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void ReplaceAll(IEnumerable<RouteEntry> routes)
    {
        var incoming = routes.ToList();
        _lock.EnterWriteLock();
        try
        {
            _routes.Clear();
            _routes.AddRange(incoming);
            _version++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public Uri? Rewrite(Uri requestUri)
    {
        if (!TryMatch(requestUri.AbsolutePath, out var route) || route is null)
        {
            return null;
        }

        var rest = route.StripPrefix ? requestUri.AbsolutePath[route.PathPrefix.Length..] : requestUri.AbsolutePath;
        return new Uri(route.Upstream, rest.TrimStart('/') + requestUri.Query);
    }

    public void Dispose() => _lock.Dispose();
}
