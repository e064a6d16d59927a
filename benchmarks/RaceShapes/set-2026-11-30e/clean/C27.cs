namespace SalesReports.Generation;

public sealed record Sale(string Region, string Product, int Quantity, decimal UnitPrice, DateOnly Date);

public sealed record RegionSummary(string Region, decimal Revenue, int Units, string TopProduct, IReadOnlyDictionary<int, decimal> RevenueByMonth);

/// <summary>
/// Builds the monthly sales report. Regions are summarised in parallel and the report lists
/// them by revenue.
/// </summary>
public sealed class SalesReportBuilder
{
    private sealed class RegionAccumulator
    {
        private readonly Dictionary<string, int> _unitsByProduct = new(StringComparer.Ordinal);
        private readonly Dictionary<int, decimal> _revenueByMonth = new();
        private decimal _revenue;
        private int _units;

        public void Add(Sale sale)
        {
            var amount = sale.Quantity * sale.UnitPrice;
            _revenue += amount;
            _units += sale.Quantity;
            _unitsByProduct[sale.Product] = _unitsByProduct.GetValueOrDefault(sale.Product) + sale.Quantity;
            _revenueByMonth[sale.Date.Month] = _revenueByMonth.GetValueOrDefault(sale.Date.Month) + amount;
        }

        public RegionSummary ToSummary(string region)
        {
            var top = _unitsByProduct.Count == 0 ? "-" : _unitsByProduct.MaxBy(kv => kv.Value).Key;
            return new RegionSummary(region, _revenue, _units, top, _revenueByMonth);
        }
    }

    public async Task<IReadOnlyList<RegionSummary>> BuildAsync(IReadOnlyList<Sale> sales, CancellationToken cancellationToken)
    {
        var byRegion = sales.GroupBy(s => s.Region, StringComparer.Ordinal).ToList();

        var tasks = byRegion.Select(group => Task.Run(() =>
        {
            var accumulator = new RegionAccumulator();
            foreach (var sale in group)
            {
                cancellationToken.ThrowIfCancellationRequested();
                accumulator.Add(sale);
            }

            return accumulator.ToSummary(group.Key);
        }, cancellationToken));

        var summaries = await Task.WhenAll(tasks).ConfigureAwait(false);
        return summaries.OrderByDescending(s => s.Revenue).ToList();
    }
}
