using System.Collections.Concurrent;

namespace Blind51.TeaAuctions.Catalogue;

/// <summary>
/// One catalogued chest of tea in a sale.
/// </summary>
public sealed class ChestLot
{
    public ChestLot(string lotNumber, string estate, int chests)
    {
        LotNumber = lotNumber;
        Estate = estate;
        Chests = chests;
    }

    public string LotNumber { get; }
    public string Estate { get; }
    public int Chests { get; }
    public long LeadingBidPaise { get; set; }
    public string? LeadingBuyer { get; set; }
    public int BidCount { get; set; }
}

/// <summary>
/// Live bidding for a catalogue sale. Bids on different lots proceed in parallel; the
/// sale-wide figures feed the auctioneer's display. Shared by every buyer terminal
/// connected to the sale.
/// </summary>
public sealed class CatalogueSale
{
    private readonly ConcurrentDictionary<string, ChestLot> _lots = new(StringComparer.OrdinalIgnoreCase);
    private long _leadingTotalPaise;
    private int _totalBids;

    public void List(ChestLot lot)
    {
        if (!_lots.TryAdd(lot.LotNumber, lot))
            throw new InvalidOperationException($"Lot {lot.LotNumber} already catalogued.");
    }

    public bool Bid(string lotNumber, string buyer, long paise)
    {
        if (!_lots.TryGetValue(lotNumber, out var lot)) return false;

        long increase;
        lock (lot)
        {
            if (paise <= lot.LeadingBidPaise) return false;
            increase = paise - lot.LeadingBidPaise;
            lot.LeadingBidPaise = paise;
            lot.LeadingBuyer = buyer;
            lot.BidCount++;
        }

        Interlocked.Add(ref _leadingTotalPaise, increase);
        Interlocked.Increment(ref _totalBids);
        return true;
    }

    public (string? Buyer, long Paise, int Bids) Current(string lotNumber)
    {
        var lot = _lots[lotNumber];
        lock (lot)
        {
            return (lot.LeadingBuyer, lot.LeadingBidPaise, lot.BidCount);
        }
    }

    public long LeadingTotalPaise => Interlocked.Read(ref _leadingTotalPaise);

    public int TotalBids => Volatile.Read(ref _totalBids);
}

/// <summary>
/// Simulates a busy opening minute by replaying recorded bids from many terminals at once.
/// </summary>
public static class OpeningMinuteReplay
{
    public static async Task<long> ReplayAsync(CatalogueSale sale, IReadOnlyList<(string Lot, string Buyer, long Paise)> bids)
    {
        var terminals = bids.GroupBy(b => b.Buyer)
            .Select(group => Task.Run(() =>
            {
                foreach (var bid in group) sale.Bid(bid.Lot, bid.Buyer, bid.Paise);
            }));

        await Task.WhenAll(terminals).ConfigureAwait(false);
        return sale.LeadingTotalPaise;
    }
}
