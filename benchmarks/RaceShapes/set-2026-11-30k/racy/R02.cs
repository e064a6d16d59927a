using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Desk.Positions
{
    public sealed record Fill(string Account, string Symbol, decimal Quantity, decimal Price, string Venue);

    public interface IFillSource
    {
        IAsyncEnumerable<Fill> ReadFillsAsync(string venue, DateOnly tradeDate, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Rebuilds end-of-day net positions per account and symbol from the fill
    /// files delivered by each execution venue.
    /// </summary>
    public sealed class EndOfDayPositionBuilder
    {
        private readonly IFillSource _source;
        private readonly Dictionary<(string Account, string Symbol), decimal> _netQuantity = new();
        private readonly HashSet<string> _venuesSeen = new();

        public EndOfDayPositionBuilder(IFillSource source)
        {
            _source = source;
        }

        public async Task<IReadOnlyDictionary<(string Account, string Symbol), decimal>> BuildAsync(
            IEnumerable<string> venues,
            DateOnly tradeDate,
            CancellationToken cancellationToken)
        {
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = 4,
                CancellationToken = cancellationToken,
            };

            _venuesSeen.Clear();
            foreach (var venue in venues)
                _venuesSeen.Add(venue);

            await Parallel.ForEachAsync(_venuesSeen, options, async (venue, token) =>
            {
                await foreach (var fill in _source.ReadFillsAsync(venue, tradeDate, token))
                {
                    ApplyFill(fill);
                }
            });

            return new Dictionary<(string Account, string Symbol), decimal>(_netQuantity);
        }

        private void ApplyFill(Fill fill)
        {
            if (fill.Quantity == 0m)
                return;

            var key = (fill.Account, fill.Symbol);
            _netQuantity.TryGetValue(key, out var current);
            _netQuantity[key] = current + fill.Quantity;
        }
    }
}
