using System.Collections.Generic;
using System.Linq;

namespace Desk.Risk
{
    public sealed record PositionLot(string Book, string Symbol, decimal Quantity, decimal CostBasis);

    public interface IMarkPriceProvider
    {
        decimal GetMark(string symbol);
    }

    public sealed record PnlLine(string Symbol, decimal Unrealized);

    /// <summary>
    /// Intraday unrealized P&amp;L for a trading book, recomputed each time the
    /// risk dashboard refreshes.
    /// </summary>
    public sealed class UnrealizedPnlReport
    {
        private readonly IMarkPriceProvider _marks;
        private decimal _totalUnrealized;

        public UnrealizedPnlReport(IMarkPriceProvider marks)
        {
            _marks = marks;
        }

        public decimal TotalUnrealized => _totalUnrealized;

        public IReadOnlyList<PnlLine> WorstLines { get; private set; } = Array.Empty<PnlLine>();

        public void Compute(IReadOnlyList<PositionLot> lots)
        {
            _totalUnrealized = 0m;

            lots.AsParallel()
                .WithDegreeOfParallelism(Environment.ProcessorCount)
                .Where(lot => lot.Quantity != 0m)
                .ForAll(lot =>
                {
                    var mark = _marks.GetMark(lot.Symbol);
                    var pnl = (mark * lot.Quantity) - lot.CostBasis;
                    _totalUnrealized += pnl;
                });

            WorstLines = lots
                .GroupBy(l => l.Symbol)
                .Select(g => new PnlLine(g.Key, g.Sum(l => (_marks.GetMark(l.Symbol) * l.Quantity) - l.CostBasis)))
                .OrderBy(line => line.Unrealized)
                .Take(10)
                .ToList();
        }
    }
}
