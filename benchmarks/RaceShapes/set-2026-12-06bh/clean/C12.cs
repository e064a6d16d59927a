using System.Collections.Concurrent;

namespace Blind60.RareBooks.Bids;

public sealed record BidOutcome(string Lot, string Bidder, decimal Amount, bool Accepted, decimal StandingBid);

/// <summary>
/// Accepts absentee bids for the rare-book sale. Bids for the same lot are serialised with
/// a per-lot semaphore; bids for different lots proceed in parallel. Singleton.
/// </summary>
public sealed class AbsenteeBidBook
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _lotLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Bidder, decimal Amount)> _standing = new(StringComparer.Ordinal);
    private readonly Func<string, decimal, CancellationToken, Task<bool>> _checkCredit;

    public AbsenteeBidBook(Func<string, decimal, CancellationToken, Task<bool>> checkCredit)
        => _checkCredit = checkCredit;

    public async Task<BidOutcome> PlaceAsync(string lot, string bidder, decimal amount, CancellationToken ct)
    {
        var gate = _lotLocks.GetOrAdd(lot, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = _standing.TryGetValue(lot, out var s) ? s : (Bidder: "", Amount: 0m);
            if (amount <= current.Amount)
            {
                return new BidOutcome(lot, bidder, amount, false, current.Amount);
            }

            if (!await _checkCredit(bidder, amount, ct).ConfigureAwait(false))
            {
                return new BidOutcome(lot, bidder, amount, false, current.Amount);
            }

            _standing[lot] = (bidder, amount);
            return new BidOutcome(lot, bidder, amount, true, amount);
        }
        finally
        {
            gate.Release();
        }
    }

    public decimal StandingBid(string lot) => _standing.TryGetValue(lot, out var s) ? s.Amount : 0m;
}

public sealed class AbsenteeBidEndpoint
{
    private readonly AbsenteeBidBook _book;

    public AbsenteeBidEndpoint(AbsenteeBidBook book) => _book = book;

    /// <summary>Bidders may leave bids on several lots in one form; they are placed together.</summary>
    public async Task<IReadOnlyList<BidOutcome>> PostFormAsync(string bidder, IEnumerable<(string Lot, decimal Max)> bids, CancellationToken ct)
    {
        var outcomes = await Task.WhenAll(bids.Select(b => _book.PlaceAsync(b.Lot, bidder, b.Max, ct)));
        return outcomes;
    }
}
