namespace Blind57.StampAuctions.Saleroom;

public sealed record Lot(int Number, string Description, decimal Estimate);

/// <summary>
/// Bounded hand-over queue between the catalogue loader thread and the auctioneer's rostrum
/// thread, so the loader never gets more than a few lots ahead of the sale.
/// </summary>
public sealed class LotQueue
{
    private readonly Queue<Lot> _items = new();
    private readonly object _sync = new();
    private readonly int _capacity;
    private bool _completed;

    public LotQueue(int capacity) => _capacity = capacity;

    public void Enqueue(Lot lot)
    {
        lock (_sync)
        {
            while (_items.Count >= _capacity && !_completed)
            {
                Monitor.Wait(_sync);
            }

            if (_completed) throw new InvalidOperationException("The sale has closed.");

            _items.Enqueue(lot);
            Monitor.PulseAll(_sync);
        }
    }

    /// <summary>Blocks until a lot is available; returns false once the sale is over and the queue is empty.</summary>
    public bool TryDequeue(out Lot? lot)
    {
        lock (_sync)
        {
            while (_items.Count == 0)
            {
                if (_completed)
                {
                    lot = null;
                    return false;
                }
                Monitor.Wait(_sync);
            }

            lot = _items.Dequeue();
            Monitor.PulseAll(_sync);
            return true;
        }
    }

    public void Complete()
    {
        lock (_sync)
        {
            _completed = true;
            Monitor.PulseAll(_sync);
        }
    }

    public int Count
    {
        get { lock (_sync) return _items.Count; }
    }
}

/// <summary>Runs a sale: one thread loads lots from the catalogue, another calls them.</summary>
public sealed class SaleRunner
{
    private readonly LotQueue _queue = new(capacity: 5);
    private decimal _hammerTotal;

    public decimal Run(IEnumerable<Lot> catalogue, Func<Lot, decimal> callLot)
    {
        var loader = new Thread(() =>
        {
            try
            {
                foreach (var lot in catalogue)
                {
                    _queue.Enqueue(lot);
                }
            }
            finally
            {
                _queue.Complete();
            }
        }) { Name = "catalogue-loader" };

        var rostrum = new Thread(() =>
        {
            while (_queue.TryDequeue(out var lot))
            {
                _hammerTotal += callLot(lot!);
            }
        }) { Name = "rostrum" };

        loader.Start();
        rostrum.Start();
        loader.Join();
        rostrum.Join();
        return _hammerTotal;
    }
}
