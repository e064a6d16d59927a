namespace AuctionHouse.Commission
{
    public sealed record CommissionBid(string BidderId, string Lot, decimal Limit, DateTimeOffset ReceivedAt);

    /// <summary>
    /// Commission (absentee) bids for one lot. The online portal and the
    /// telephone desk submit concurrently; the rostrum reads the leader.
    /// </summary>
    public sealed class CommissionBidBook
    {
        private readonly object _sync = new();
        private decimal _leadingLimit;
        private string? _leadingBidder;
        private DateTimeOffset _leadingReceivedAt;
        private decimal _underbidLimit;

        public CommissionBidBook(string lot) => Lot = lot;

        public string Lot { get; }

        public bool Submit(CommissionBid bid)
        {
            if (bid.Lot != Lot)
            {
                throw new ArgumentException("Bid is for a different lot.", nameof(bid));
            }

            lock (_sync)
            {
                var beatsLeader = bid.Limit > _leadingLimit ||
                                  (bid.Limit == _leadingLimit && _leadingBidder is not null && bid.ReceivedAt < _leadingReceivedAt);

                if (!beatsLeader)
                {
                    if (bid.Limit > _underbidLimit)
                    {
                        _underbidLimit = bid.Limit;
                    }
                    return false;
                }

                _underbidLimit = _leadingLimit;
                _leadingLimit = bid.Limit;
                _leadingBidder = bid.BidderId;
                _leadingReceivedAt = bid.ReceivedAt;
                return true;
            }
        }

        /// <summary>
        /// The price the auctioneer should open at on behalf of the book: one
        /// increment over the underbidder, capped at the leader's limit.
        /// </summary>
        public (string? Bidder, decimal OpeningPrice) RostrumView(decimal increment)
        {
            lock (_sync)
            {
                if (_leadingBidder is null)
                {
                    return (null, 0m);
                }

                return (_leadingBidder, Math.Min(_leadingLimit, _underbidLimit + increment));
            }
        }
    }

    public static class CommissionIntake
    {
        public static async Task<int> SubmitManyAsync(CommissionBidBook book, IEnumerable<CommissionBid> bids)
        {
            var results = await Task.WhenAll(bids.Select(b => Task.Run(() => book.Submit(b))));
            return results.Count(accepted => accepted);
        }
    }
}
