namespace Brewhouse.Recipes.Cache;

public sealed record YeastProfile(string Strain, double MinCelsius, double MaxCelsius, double Attenuation);

public interface IYeastCatalogClient
{
    YeastProfile? Fetch(string strain);
}

/// <summary>
/// Caches yeast profiles from the supplier catalogue. Shared by every fermentation
/// tank monitor in the brewery; each monitor looks up its strain on every reading.
/// </summary>
public sealed class YeastProfileCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, YeastProfile?> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly IYeastCatalogClient _client;

    public YeastProfileCache(IYeastCatalogClient client)
    {
        _client = client;
    }

    public YeastProfile? Get(string strain)
    {
        _lock.EnterReadLock();
        try
        {
            if (_profiles.TryGetValue(strain, out var cached))
            {
                return cached;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_profiles.TryGetValue(strain, out var cached))
            {
                return cached;
            }

            var fetched = _client.Fetch(strain);
            _lock.EnterWriteLock();
            try
            {
                _profiles[strain] = fetched;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return fetched;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Invalidate(string strain)
    {
        _lock.EnterWriteLock();
        try
        {
            _profiles.Remove(strain);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool IsOutOfRange(string strain, double celsius)
    {
        var profile = Get(strain);
        return profile is not null && (celsius < profile.MinCelsius || celsius > profile.MaxCelsius);
    }

    public void Dispose() => _lock.Dispose();
}
