namespace Blind66.Falconry.Mews;

public sealed record BirdProfile(string RingNumber, string Species, double FlyingWeightGrams, DateOnly Hatched);

public interface IBirdRegistryStore
{
    Task<BirdProfile?> LoadAsync(string ringNumber, CancellationToken ct);
}

/// <summary>
/// Caches bird profiles looked up by ring number. Registered as a singleton and shared by
/// the weigh-in endpoints, the flight log importer and the hunting permit checker.
/// </summary>
public sealed class BirdProfileCache
{
    private readonly Dictionary<string, BirdProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _sync = new();
    private readonly IBirdRegistryStore _store;

    public BirdProfileCache(IBirdRegistryStore store)
    {
        _store = store;
    }

    public async ValueTask<BirdProfile?> GetAsync(string ringNumber, CancellationToken ct = default)
    {
        if (_profiles.TryGetValue(ringNumber, out var cached))
        {
            return cached;
        }

        var loaded = await _store.LoadAsync(ringNumber, ct).ConfigureAwait(false);
        if (loaded is null)
        {
            return null;
        }

        lock (_sync)
        {
            _profiles[ringNumber] = loaded;
        }

        return loaded;
    }

    /// <summary>Called after a weigh-in changes the bird's flying weight.</summary>
    public void UpdateWeight(string ringNumber, double grams)
    {
        lock (_sync)
        {
            if (_profiles.TryGetValue(ringNumber, out var existing))
            {
                _profiles[ringNumber] = existing with { FlyingWeightGrams = grams };
            }
        }
    }

    public void Invalidate(string ringNumber)
    {
        lock (_sync)
        {
            _profiles.Remove(ringNumber);
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _profiles.Count;
            }
        }
    }
}
