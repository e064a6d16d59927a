namespace AntiqueMaps.Auctions;

public sealed class BidEventArgs : EventArgs
{
    public BidEventArgs(string lotSku, string bidder, decimal amount)
    {
        LotSku = lotSku;
        Bidder = bidder;
        Amount = amount;
    }

    public string LotSku { get; }
    public string Bidder { get; }
    public decimal Amount { get; }
}

/// <summary>Feed of bids from the online auction house; raises events on its socket reader threads.</summary>
public sealed class AuctionFeed
{
    public event EventHandler<BidEventArgs>? BidReceived;

    public Task ReplayAsync(IEnumerable<(string Lot, string Bidder, decimal Amount)> bids) =>
        Task.WhenAll(bids.Select(b => Task.Run(() =>
            Volatile.Read(ref BidReceived)?.Invoke(this, new BidEventArgs(b.Lot, b.Bidder, b.Amount)))));
}

public interface IValuationStore
{
    Task RecordHighBidAsync(string lotSku, decimal amount);
}

/// <summary>
/// Keeps the dealer's valuation sheet in step with live auction bids for the
/// antique maps they have consigned. Bid handling is asynchronous; one gate
/// orders updates to the high-bid table and the store.
/// </summary>
public sealed class ConsignmentWatcher : IDisposable
{
    private readonly AuctionFeed _feed;
    private readonly IValuationStore _store;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, decimal> _highBids = new(StringComparer.OrdinalIgnoreCase);
    private int _failedWrites;

    public ConsignmentWatcher(AuctionFeed feed, IValuationStore store)
    {
        _feed = feed;
        _store = store;
        _feed.BidReceived += OnBidReceived;
    }

    private async void OnBidReceived(object? sender, BidEventArgs e)
    {
        try
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_highBids.TryGetValue(e.LotSku, out var high) && high >= e.Amount)
                {
                    return;
                }

                _highBids[e.LotSku] = e.Amount;
                await _store.RecordHighBidAsync(e.LotSku, e.Amount).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failedWrites);
        }
    }

    public async Task<decimal?> HighBidAsync(string lotSku)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _highBids.TryGetValue(lotSku, out var amount) ? amount : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public int FailedWrites => Volatile.Read(ref _failedWrites);

    public void Dispose() => _feed.BidReceived -= OnBidReceived;
}
