namespace Blind56.ViolinRentals.Catalogue;

public sealed record InstrumentDetails(string Serial, string Maker, string Size, decimal MonthlyRate, bool Available);

public interface IInstrumentRepository
{
    Task<InstrumentDetails?> LoadAsync(string serial, CancellationToken cancellationToken);
}

/// <summary>
/// Cache-aside wrapper around the instrument repository, used by the rental
/// storefront and the workshop app. One instance for the whole process.
/// </summary>
public sealed class InstrumentCatalogueCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, InstrumentDetails> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly IInstrumentRepository _repository;

    public InstrumentCatalogueCache(IInstrumentRepository repository)
    {
        _repository = repository;
    }

    public async Task<InstrumentDetails?> GetAsync(string serial, CancellationToken ct)
    {
        _lock.EnterReadLock();
        try
        {
            if (_cache.TryGetValue(serial, out var cached))
            {
                return cached;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var loaded = await _repository.LoadAsync(serial, ct).ConfigureAwait(false);
        if (loaded is null)
        {
            return null;
        }

        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_cache.TryGetValue(serial, out var raced))
            {
                return raced;
            }

            _cache[serial] = loaded;
            return loaded;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    /// <summary>Called when the workshop marks an instrument as out for repair or returned.</summary>
    public void Invalidate(string serial)
    {
        _lock.EnterWriteLock();
        try
        {
            _cache.Remove(serial);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _cache.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
