namespace Blind46.TramDepot.Timetable;

public sealed record Departure(string Route, string TramId, TimeOnly Time, string Platform);

/// <summary>
/// Depot departure board data. The platform displays and the passenger API read it
/// constantly; the dispatcher desk occasionally adds or reassigns departures.
/// </summary>
public sealed class DepartureBoard : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, List<Departure>> _byRoute = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Departure> ForRoute(string route)
    {
        _lock.EnterReadLock();
        try
        {
            return _byRoute.TryGetValue(route, out var list) ? list.ToArray() : Array.Empty<Departure>();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<Departure> EnsureRoute(string route, Func<string, IEnumerable<Departure>> loadDefault)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_byRoute.TryGetValue(route, out var existing))
                return existing.ToArray();

            var loaded = loadDefault(route).OrderBy(d => d.Time).ToList();
            _lock.EnterWriteLock();
            try
            {
                _byRoute[route] = loaded;
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return loaded.ToArray();
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Reassign(string route, string tramId, string newPlatform)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_byRoute.TryGetValue(route, out var list))
                return;

            for (int i = 0; i < list.Count; i++)
            {
                if (list[i].TramId == tramId)
                    list[i] = list[i] with { Platform = newPlatform };
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
