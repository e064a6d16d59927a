using System.Collections.Generic;
using System.Threading;

namespace Exchange.MarketData
{
    public sealed class QuoteEventArgs : EventArgs
    {
        public QuoteEventArgs(string symbol, decimal bid, decimal ask)
        {
            Symbol = symbol;
            Bid = bid;
            Ask = ask;
        }

        public string Symbol { get; }
        public decimal Bid { get; }
        public decimal Ask { get; }
    }

    public interface IQuoteSource
    {
        /// <summary>Blocks until the next quote arrives; returns null when the session ends.</summary>
        QuoteEventArgs? Next();
    }

    /// <summary>
    /// Reads quotes from the exchange session on a dedicated thread and
    /// publishes them to subscribers. Strategies subscribe and unsubscribe
    /// while the feed is running.
    /// </summary>
    public sealed class QuoteFeed : IDisposable
    {
        private readonly IQuoteSource _source;
        private readonly Thread _reader;
        private volatile bool _stopping;

        public QuoteFeed(IQuoteSource source)
        {
            _source = source;
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "quote-feed" };
        }

        public event EventHandler<QuoteEventArgs>? QuoteReceived;

        public void Start() => _reader.Start();

        private void ReadLoop()
        {
            while (!_stopping)
            {
                var quote = _source.Next();
                if (quote is null)
                    return;
                OnQuoteReceived(quote);
            }
        }

        private void OnQuoteReceived(QuoteEventArgs quote)
        {
            var handler = Volatile.Read(ref QuoteReceived);
            handler?.Invoke(this, quote);
        }

        public void Dispose()
        {
            _stopping = true;
        }
    }

    /// <summary>
    /// Tracks the latest spread per symbol for the trading dashboard.
    /// </summary>
    public sealed class SpreadMonitor
    {
        private readonly object _sync = new();
        private readonly Dictionary<string, decimal> _spreads = new(StringComparer.Ordinal);

        public void Attach(QuoteFeed feed) => feed.QuoteReceived += OnQuote;

        public void Detach(QuoteFeed feed) => feed.QuoteReceived -= OnQuote;

        public IReadOnlyDictionary<string, decimal> Current()
        {
            lock (_sync)
                return new Dictionary<string, decimal>(_spreads, StringComparer.Ordinal);
        }

        private void OnQuote(object? sender, QuoteEventArgs e)
        {
            lock (_sync)
                _spreads[e.Symbol] = e.Ask - e.Bid;
        }
    }
}
