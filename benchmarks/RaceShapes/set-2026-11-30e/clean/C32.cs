namespace Cms.Routing;

public sealed record PageRoute(string Slug, int PageId, string Template, bool Published);

/// <summary>
/// Maps URL slugs to CMS pages. Looked up on every request; edited when editors publish or
/// rename pages.
/// </summary>
public sealed class SlugRouteTable : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, PageRoute> _bySlug = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<int, string> _slugByPage = new();
    private long _version;

    public PageRoute? Resolve(string slug)
    {
        _lock.EnterReadLock();
        try
        {
            return _bySlug.TryGetValue(slug, out var route) && route.Published ? route : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

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

    public void Upsert(PageRoute route)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_slugByPage.TryGetValue(route.PageId, out var oldSlug) && !string.Equals(oldSlug, route.Slug, StringComparison.OrdinalIgnoreCase))
            {
                _bySlug.Remove(oldSlug);
            }

            _bySlug[route.Slug] = route;
            _slugByPage[route.PageId] = route.Slug;
            _version++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool RemovePage(int pageId)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_slugByPage.TryGetValue(pageId, out var slug))
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _slugByPage.Remove(pageId);
                _bySlug.Remove(slug);
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
