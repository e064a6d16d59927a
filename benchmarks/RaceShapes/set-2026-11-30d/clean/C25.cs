using System.Diagnostics.CodeAnalysis;

namespace Blind4.Clean.Gateway.Routing;

public sealed record RouteTarget(string ClusterId, Uri Destination, int Weight);

/// <summary>
/// Maps path prefixes to backend clusters for the API gateway. Every proxied request performs a
/// lookup; the admin API adds and removes routes while traffic is flowing.
/// </summary>
public sealed class RouteTable : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly SortedDictionary<string, RouteTarget> _routes =
        new(Comparer<string>.Create((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b)));
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

    public void AddOrReplace(string pathPrefix, RouteTarget target)
    {
        _lock.EnterWriteLock();
        try
        {
            _routes[Normalize(pathPrefix)] = target;
            _version++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(string pathPrefix)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = _routes.Remove(Normalize(pathPrefix));
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

    public bool TryMatch(string requestPath, [NotNullWhen(true)] out RouteTarget? target)
    {
        var path = Normalize(requestPath);
        _lock.EnterReadLock();
        try
        {
            // Longest prefix first, thanks to the comparer.
            foreach (var (prefix, candidate) in _routes)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    target = candidate;
                    return true;
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        target = null;
        return false;
    }

    private static string Normalize(string path) =>
        "/" + path.Trim().Trim('/').ToLowerInvariant() + "/";

    public void Dispose() => _lock.Dispose();
}
