namespace AuctionHouse.AbsenteeBids
{
    public sealed record AbsenteeBid(string PaddleNumber, string LotNumber, long MaxBidPence, DateTimeOffset PlacedAt);

    /// <summary>
    /// Tracks the leading absentee bid for a single lot before it goes under the hammer.
    /// One instance per lot; the web bidding endpoint and the phone-bid desk
    /// both call <see cref="TryPlace"/> concurrently.
    /// </summary>
    public sealed class LotAbsenteeBook
    {
        private long _leadingMaxPence;
        private string? _leadingPaddle;
        private int _bidCount;

        public LotAbsenteeBook(string lotNumber, long reservePence)
        {
            LotNumber = lotNumber;
            ReservePence = reservePence;
        }

        public string LotNumber { get; }

        public long ReservePence { get; }

        public int BidCount => Volatile.Read(ref _bidCount);

        public bool TryPlace(AbsenteeBid bid)
        {
            if (bid.LotNumber != LotNumber || bid.MaxBidPence < ReservePence)
            {
                return false;
            }

            Interlocked.Increment(ref _bidCount);

            while (true)
            {
                var current = Interlocked.Read(ref _leadingMaxPence);
                if (bid.MaxBidPence <= current)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _leadingMaxPence, bid.MaxBidPence, current) == current)
                {
                    _leadingPaddle = bid.PaddleNumber;
                    return true;
                }
            }
        }

        /// <summary>
        /// Read by the auctioneer's tablet when the lot opens.
        /// </summary>
        public (string? Paddle, long MaxPence) Leading()
        {
            return (Volatile.Read(ref _leadingPaddle), Interlocked.Read(ref _leadingMaxPence));
        }
    }

    /// <summary>
    /// Catalogue-wide registry of absentee books, one per lot.
    /// </summary>
    public sealed class AbsenteeBidRegistry
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LotAbsenteeBook> _books = new();

        public LotAbsenteeBook ForLot(string lotNumber, long reservePence)
            => _books.GetOrAdd(lotNumber, n => new LotAbsenteeBook(n, reservePence));

        public bool Submit(AbsenteeBid bid, long reservePence) => ForLot(bid.LotNumber, reservePence).TryPlace(bid);

        public IEnumerable<(string Lot, string? Paddle, long MaxPence)> OpeningPositions()
        {
            foreach (var pair in _books.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var (paddle, max) = pair.Value.Leading();
                yield return (pair.Key, paddle, max);
            }
        }
    }
}
