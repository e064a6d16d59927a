using System.Collections.Concurrent;

namespace Blind42.Bookbinding.Boards;

public sealed record BoardSpec(string Sku, string Kind, double ThicknessMm, decimal PricePerSheet);

public interface IBoardSupplierClient
{
    Task<BoardSpec> FetchAsync(string sku, CancellationToken cancellationToken);
}

/// <summary>
/// Caches binder's-board specifications from the supplier. Singleton used by the quoting
/// pages; concurrent requests for the same SKU share a single supplier call.
/// </summary>
public sealed class BoardSpecCache
{
    private readonly IBoardSupplierClient _client;
    private readonly ConcurrentDictionary<string, Lazy<Task<BoardSpec>>> _entries =
        new(StringComparer.OrdinalIgnoreCase);

    public BoardSpecCache(IBoardSupplierClient client) => _client = client;

    public async Task<BoardSpec> GetAsync(string sku)
    {
        var entry = _entries.GetOrAdd(
            sku,
            key => new Lazy<Task<BoardSpec>>(() => _client.FetchAsync(key, CancellationToken.None)));

        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // Let the next caller try again rather than caching the failure.
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<BoardSpec>>>(sku, entry));
            throw;
        }
    }

    public void Invalidate(string sku) => _entries.TryRemove(sku, out _);

    public int Count => _entries.Count;
}

/// <summary>Prices case bindings: boards plus cloth and labour.</summary>
public sealed class CaseBindingEstimator
{
    private readonly BoardSpecCache _boards;

    public CaseBindingEstimator(BoardSpecCache boards) => _boards = boards;

    public async Task<decimal> EstimateAsync(IReadOnlyList<(string Sku, int Sheets)> boards, int copies)
    {
        var tasks = boards.Select(async b =>
        {
            var spec = await _boards.GetAsync(b.Sku).ConfigureAwait(false);
            return spec.PricePerSheet * b.Sheets;
        });

        var perCopy = (await Task.WhenAll(tasks).ConfigureAwait(false)).Sum();
        var labour = copies switch
        {
            <= 10 => 18m,
            <= 100 => 11m,
            _ => 7.5m,
        };
        return (perCopy + labour) * copies;
    }
}
