namespace Blind56.Bookshop.Valuations;

public sealed record Valuation(string Isbn, decimal Low, decimal High, string Source, DateTimeOffset ValuedAt);

public interface IValuationService
{
    Task<Valuation?> FetchAsync(string isbn, CancellationToken cancellationToken);
}

/// <summary>
/// Cache-aside lookups of rare book valuations for the shop counter and the online
/// listings. Shared by every request; the buying desk invalidates entries when it
/// records a sale that changes the market price.
/// </summary>
public sealed class ValuationCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, Valuation> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _invalidations = new(StringComparer.Ordinal);
    private readonly IValuationService _service;

    public ValuationCache(IValuationService service) => _service = service;

    public async Task<Valuation?> GetAsync(string isbn, CancellationToken ct)
    {
        long versionBeforeFetch;
        _lock.EnterReadLock();
        try
        {
            if (_entries.TryGetValue(isbn, out var cached))
            {
                return cached;
            }

            versionBeforeFetch = _invalidations.GetValueOrDefault(isbn);
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var fetched = await _service.FetchAsync(isbn, ct).ConfigureAwait(false);
        if (fetched is null)
        {
            return null;
        }

        _lock.EnterWriteLock();
        try
        {
            // Only cache if nobody invalidated this book while we were fetching.
            if (_invalidations.GetValueOrDefault(isbn) == versionBeforeFetch)
            {
                _entries[isbn] = fetched;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return fetched;
    }

    public void Invalidate(string isbn)
    {
        _lock.EnterWriteLock();
        try
        {
            _entries.Remove(isbn);
            _invalidations[isbn] = _invalidations.GetValueOrDefault(isbn) + 1;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int CachedCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _entries.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
