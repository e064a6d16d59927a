namespace Blind42.Bookbinding.Catalog;

public sealed record CoverSpec(string Sku, string Material, double ThicknessMm, decimal PricePerSheet);

public interface ISupplierCatalogClient
{
    Task<CoverSpec> FetchAsync(string sku, CancellationToken cancellationToken);
}

/// <summary>
/// Resolves leather and book-cloth specifications from the supplier catalogue and caches them.
/// Registered as a singleton and used by the quoting and order pages concurrently.
/// At most four supplier lookups are allowed in flight to respect the supplier's rate limit.
/// </summary>
public sealed class CoverSpecCatalog : IDisposable
{
    private readonly ISupplierCatalogClient _client;
    private readonly Dictionary<string, CoverSpec> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _supplierSlots = new(4, 4);

    public CoverSpecCatalog(ISupplierCatalogClient client) => _client = client;

    public async Task<CoverSpec> GetAsync(string sku, CancellationToken cancellationToken)
    {
        await _supplierSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cache.TryGetValue(sku, out var cached))
            {
                return cached;
            }

            var spec = await _client.FetchAsync(sku, cancellationToken).ConfigureAwait(false);
            _cache[sku] = spec;
            return spec;
        }
        finally
        {
            _supplierSlots.Release();
        }
    }

    public void Dispose() => _supplierSlots.Dispose();
}

/// <summary>Prices a binding job from its bill of materials.</summary>
public sealed class BindingQuoteService
{
    private readonly CoverSpecCatalog _catalog;

    public BindingQuoteService(CoverSpecCatalog catalog) => _catalog = catalog;

    public async Task<decimal> QuoteAsync(IReadOnlyList<(string Sku, int Sheets)> materials, CancellationToken cancellationToken)
    {
        var lookups = materials
            .Select(async m => (await _catalog.GetAsync(m.Sku, cancellationToken)).PricePerSheet * m.Sheets)
            .ToList();

        var prices = await Task.WhenAll(lookups).ConfigureAwait(false);
        var labour = 35m + materials.Count * 4.5m;
        return prices.Sum() + labour;
    }
}
