using System.Threading.Channels;

namespace Inventory.Sync;

public sealed record StockChange(string Sku, string Warehouse, int Delta, DateTimeOffset OccurredUtc);

public sealed record SyncSummary(int Applied, int Skipped, int DistinctSkus);

/// <summary>
/// Collects stock changes from many producers (webhooks, importers) and applies them
/// to the ledger from a single consumer loop.
/// </summary>
public sealed class StockChangeApplier
{
    private readonly Channel<StockChange> _channel = Channel.CreateUnbounded<StockChange>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Dictionary<(string Sku, string Warehouse), int> _ledger = new();
    private readonly HashSet<string> _touchedSkus = new(StringComparer.OrdinalIgnoreCase);
    private int _applied;
    private int _skipped;

    public bool TryPublish(StockChange change) => _channel.Writer.TryWrite(change);

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Runs until <see cref="Complete"/> is called and the channel drains.</summary>
    public async Task<SyncSummary> RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var change in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Apply(change);
        }

        return new SyncSummary(_applied, _skipped, _touchedSkus.Count);
    }

    private void Apply(StockChange change)
    {
        if (change.Delta == 0)
        {
            _skipped++;
            return;
        }

        var key = (change.Sku, change.Warehouse);
        _ledger.TryGetValue(key, out var onHand);

        if (onHand + change.Delta < 0)
        {
            Console.Error.WriteLine($"Rejected change for {change.Sku}@{change.Warehouse}: would go negative.");
            _skipped++;
            return;
        }

        _ledger[key] = onHand + change.Delta;
        _touchedSkus.Add(change.Sku);
        _applied++;
    }
}
