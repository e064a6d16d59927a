using System.Collections.Generic;

namespace Exchange.Matching
{
    public enum Side
    {
        Buy,
        Sell,
    }

    public sealed record Order(long Id, Side Side, decimal Price, int Quantity);

    public sealed record Trade(long BuyOrderId, long SellOrderId, decimal Price, int Quantity);

    /// <summary>
    /// Price-time priority limit order book for one instrument. Order entry
    /// sessions submit and cancel from many threads; the market data publisher
    /// polls the top of book.
    /// </summary>
    public sealed class LimitOrderBook
    {
        private sealed class RestingOrder
        {
            public RestingOrder(long id, int remaining)
            {
                Id = id;
                Remaining = remaining;
            }

            public long Id { get; }
            public int Remaining { get; set; }
        }

        private readonly object _book = new();
        private readonly SortedDictionary<decimal, LinkedList<RestingOrder>> _bids =
            new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
        private readonly SortedDictionary<decimal, LinkedList<RestingOrder>> _asks = new();
        private decimal? _lastTradePrice;

        public IReadOnlyList<Trade> Submit(Order order)
        {
            if (order.Quantity <= 0)
                throw new ArgumentOutOfRangeException(nameof(order));

            lock (_book)
            {
                var trades = new List<Trade>();
                int remaining = order.Quantity;
                var opposite = order.Side == Side.Buy ? _asks : _bids;

                while (remaining > 0 && opposite.Count > 0)
                {
                    using var enumerator = opposite.GetEnumerator();
                    enumerator.MoveNext();
                    var (level, queue) = (enumerator.Current.Key, enumerator.Current.Value);

                    bool crosses = order.Side == Side.Buy ? level <= order.Price : level >= order.Price;
                    if (!crosses)
                        break;

                    var resting = queue.First!.Value;
                    int filled = Math.Min(remaining, resting.Remaining);
                    remaining -= filled;
                    resting.Remaining -= filled;
                    _lastTradePrice = level;

                    trades.Add(order.Side == Side.Buy
                        ? new Trade(order.Id, resting.Id, level, filled)
                        : new Trade(resting.Id, order.Id, level, filled));

                    if (resting.Remaining == 0)
                    {
                        queue.RemoveFirst();
                        if (queue.Count == 0)
                            opposite.Remove(level);
                    }
                }

                if (remaining > 0)
                {
                    var own = order.Side == Side.Buy ? _bids : _asks;
                    if (!own.TryGetValue(order.Price, out var queue))
                    {
                        queue = new LinkedList<RestingOrder>();
                        own.Add(order.Price, queue);
                    }
                    queue.AddLast(new RestingOrder(order.Id, remaining));
                }

                return trades;
            }
        }

        public bool Cancel(long orderId, Side side, decimal price)
        {
            lock (_book)
            {
                var own = side == Side.Buy ? _bids : _asks;
                if (!own.TryGetValue(price, out var queue))
                    return false;

                for (var node = queue.First; node != null; node = node.Next)
                {
                    if (node.Value.Id != orderId)
                        continue;
                    queue.Remove(node);
                    if (queue.Count == 0)
                        own.Remove(price);
                    return true;
                }

                return false;
            }
        }

        public (decimal? Bid, decimal? Ask, decimal? Last) TopOfBook()
        {
            lock (_book)
            {
                decimal? bid = null, ask = null;
                foreach (var level in _bids.Keys) { bid = level; break; }
                foreach (var level in _asks.Keys) { ask = level; break; }
                return (bid, ask, _lastTradePrice);
            }
        }
    }
}
