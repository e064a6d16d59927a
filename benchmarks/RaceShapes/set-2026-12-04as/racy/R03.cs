namespace Blind45.FishAuction.Bidding;

public sealed record Bid(string BidderId, decimal PricePerKilo, DateTimeOffset PlacedAt);

/// <summary>
/// Order book for a single lot on the auction floor. Every bidding terminal in the hall
/// calls into the same instance while the lot is open.
/// </summary>
public sealed class LotBidBook
{
    private readonly object _sync = new();
    private readonly List<Bid> _bids = new();
    private bool _closed;

    public LotBidBook(string lotNumber, decimal reservePerKilo)
    {
        LotNumber = lotNumber;
        ReservePerKilo = reservePerKilo;
    }

    public string LotNumber { get; }

    public decimal ReservePerKilo { get; }

    public bool PlaceBid(Bid bid)
    {
        lock (_sync)
        {
            if (_closed || bid.PricePerKilo < ReservePerKilo)
            {
                return false;
            }

            var leading = _bids.Count == 0 ? null : _bids[^1];
            if (leading is not null && bid.PricePerKilo <= leading.PricePerKilo)
            {
                return false;
            }

            _bids.Add(bid);
            return true;
        }
    }

    /// <summary>Removes every bid of a buyer whose credit line was suspended mid-auction.</summary>
    public int WithdrawBidder(string bidderId)
    {
        lock (_bids)
        {
            return _bids.RemoveAll(b => b.BidderId == bidderId);
        }
    }

    public Bid? Leading
    {
        get
        {
            lock (_sync)
            {
                return _bids.Count == 0 ? null : _bids[^1];
            }
        }
    }

    public IReadOnlyList<Bid> History()
    {
        lock (_sync)
        {
            return _bids.ToArray();
        }
    }

    public Bid? Close()
    {
        lock (_sync)
        {
            _closed = true;
            return _bids.Count == 0 ? null : _bids[^1];
        }
    }
}

/// <summary>Routes terminal messages to the book of the lot currently on the floor.</summary>
public sealed class AuctionFloor
{
    private readonly Dictionary<string, LotBidBook> _books = new();
    private readonly object _booksLock = new();

    public LotBidBook Open(string lotNumber, decimal reserve)
    {
        lock (_booksLock)
        {
            var book = new LotBidBook(lotNumber, reserve);
            _books[lotNumber] = book;
            return book;
        }
    }

    public bool TryGet(string lotNumber, out LotBidBook? book)
    {
        lock (_booksLock)
        {
            return _books.TryGetValue(lotNumber, out book);
        }
    }

    public void SuspendBuyer(string bidderId)
    {
        LotBidBook[] open;
        lock (_booksLock)
        {
            open = _books.Values.ToArray();
        }

        foreach (var book in open)
        {
            book.WithdrawBidder(bidderId);
        }
    }
}
