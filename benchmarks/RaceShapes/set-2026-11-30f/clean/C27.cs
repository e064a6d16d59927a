using System.Threading.Channels;

namespace Inventory.Sync;

public sealed record StockChange(string Sku, string Warehouse, int Delta);

public sealed record StockSummary(IReadOnlyDictionary<string, int> OnHandBySku, int ChangesApplied, int Rejected);

/// <summary>
/// Aggregates stock changes coming from several warehouse feeds, which
/// post their changes concurrently.
/// </summary>
public sealed class StockAggregator
{
    private readonly Channel<StockChange> _changes = Channel.CreateUnbounded<StockChange>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Dictionary<string, int> _onHand = new(StringComparer.OrdinalIgnoreCase);
    private int _applied;
    private int _rejected;

    public StockAggregator()
    {
        Completion = Task.Run(AggregateAsync);
    }

    /// <summary>Completes with the final totals after <see cref="Complete"/> is called.</summary>
    public Task<StockSummary> Completion { get; }

    public bool Post(StockChange change) => _changes.Writer.TryWrite(change);

    public void Complete() => _changes.Writer.TryComplete();

    private async Task<StockSummary> AggregateAsync()
    {
        await foreach (var change in _changes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var current = _onHand.GetValueOrDefault(change.Sku);
            var updated = current + change.Delta;
            if (updated < 0)
            {
                _rejected++;
                continue;
            }

            _onHand[change.Sku] = updated;
            _applied++;
        }

        return new StockSummary(new Dictionary<string, int>(_onHand, StringComparer.OrdinalIgnoreCase), _applied, _rejected);
    }
}

public static class WarehouseFeeds
{
    public static async Task<StockSummary> ImportAsync(IEnumerable<IAsyncEnumerable<StockChange>> feeds)
    {
        var aggregator = new StockAggregator();

        await Task.WhenAll(feeds.Select(async feed =>
        {
            await foreach (var change in feed.ConfigureAwait(false))
            {
                aggregator.Post(change);
            }
        })).ConfigureAwait(false);

        aggregator.Complete();
        return await aggregator.Completion.ConfigureAwait(false);
    }
}
