namespace Blind57.StampAuctions.Projections;

public abstract record AuctionEvent(string LotId, long Sequence);
public sealed record LotOpened(string LotId, long Sequence, decimal Reserve) : AuctionEvent(LotId, Sequence);
public sealed record BidPlaced(string LotId, long Sequence, string Bidder, decimal Amount) : AuctionEvent(LotId, Sequence);
public sealed record LotHammered(string LotId, long Sequence) : AuctionEvent(LotId, Sequence);

public sealed class LotStanding
{
    public required string LotId { get; init; }
    public decimal Reserve { get; set; }
    public decimal HighestBid { get; set; }
    public string? LeadingBidder { get; set; }
    public bool Sold { get; set; }
}

public interface IAuctionEventStore
{
    IAsyncEnumerable<AuctionEvent> ReadAllAsync(CancellationToken ct);
}

/// <summary>
/// Read model of current bids for the saleroom screens. Live events are applied by the event
/// subscription as they arrive; operators can trigger a rebuild from the admin page.
/// </summary>
public sealed class LotStandingsProjection
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LotStanding> _lots = new();

    public void Apply(AuctionEvent e)
    {
        lock (_gate)
        {
            ApplyCore(e);
        }
    }

    public async Task RebuildAsync(IAuctionEventStore store, CancellationToken ct)
    {
        _lots.Clear();
        await foreach (var e in store.ReadAllAsync(ct))
        {
            lock (_gate)
            {
                ApplyCore(e);
            }
        }
    }

    public LotStanding? Find(string lotId)
    {
        lock (_gate)
        {
            if (!_lots.TryGetValue(lotId, out var s)) return null;
            return new LotStanding
            {
                LotId = s.LotId,
                Reserve = s.Reserve,
                HighestBid = s.HighestBid,
                LeadingBidder = s.LeadingBidder,
                Sold = s.Sold,
            };
        }
    }

    private void ApplyCore(AuctionEvent e)
    {
        switch (e)
        {
            case LotOpened opened:
                _lots[opened.LotId] = new LotStanding { LotId = opened.LotId, Reserve = opened.Reserve };
                break;
            case BidPlaced bid when _lots.TryGetValue(bid.LotId, out var lot) && bid.Amount > lot.HighestBid:
                lot.HighestBid = bid.Amount;
                lot.LeadingBidder = bid.Bidder;
                break;
            case LotHammered hammered when _lots.TryGetValue(hammered.LotId, out var sold):
                sold.Sold = sold.HighestBid >= sold.Reserve;
                break;
        }
    }
}

/// <summary>Pushes live events from the broker into the projection.</summary>
public sealed class LiveSubscription
{
    private readonly LotStandingsProjection _projection;

    public LiveSubscription(LotStandingsProjection projection) => _projection = projection;

    public async Task RunAsync(IAsyncEnumerable<AuctionEvent> live, CancellationToken ct)
    {
        await foreach (var e in live.WithCancellation(ct))
        {
            _projection.Apply(e);
        }
    }
}
