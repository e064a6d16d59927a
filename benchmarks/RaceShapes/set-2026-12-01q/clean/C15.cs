using System.Collections.Frozen;

namespace Philately.Catalogue
{
    public sealed record PriceEntry(string Number, string Issue, decimal Mint, decimal Used);

    public interface IPriceListReader
    {
        IEnumerable<PriceEntry> Read();
    }

    /// <summary>
    /// Price lookups against the annual catalogue. Registered as a singleton;
    /// valuation requests call <see cref="TryPrice"/> from request threads.
    /// </summary>
    public sealed class CataloguePriceLookup
    {
        private readonly Lazy<FrozenDictionary<string, PriceEntry>> _prices;

        public CataloguePriceLookup(IPriceListReader reader)
        {
            _prices = new Lazy<FrozenDictionary<string, PriceEntry>>(
                () => Load(reader),
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public bool TryPrice(string number, bool mint, out decimal price)
        {
            if (_prices.Value.TryGetValue(number, out var entry))
            {
                price = mint ? entry.Mint : entry.Used;
                return true;
            }

            price = 0;
            return false;
        }

        public int EntryCount => _prices.Value.Count;

        private static FrozenDictionary<string, PriceEntry> Load(IPriceListReader reader)
        {
            var builder = new Dictionary<string, PriceEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in reader.Read())
            {
                builder[entry.Number] = entry;
            }

            return builder.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Values a dealer's stock list in parallel.
    /// </summary>
    public sealed class StockValuation
    {
        private readonly CataloguePriceLookup _lookup;

        public StockValuation(CataloguePriceLookup lookup) => _lookup = lookup;

        public decimal Value(IReadOnlyList<(string Number, bool Mint, int Quantity)> stock)
        {
            return stock
                .AsParallel()
                .Select(item => _lookup.TryPrice(item.Number, item.Mint, out var p) ? p * item.Quantity : 0m)
                .Sum();
        }
    }
}
