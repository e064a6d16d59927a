using System.Collections.Generic;
using System.Linq;

namespace Desk.Reporting
{
    public sealed record Execution(string Trader, string Symbol, decimal Quantity, decimal Price, decimal Fees);

    public sealed record SymbolSummary(string Symbol, decimal NetQuantity, decimal Notional, int Executions);

    /// <summary>
    /// End-of-day trader P&amp;L figures computed from the day's executions.
    /// The execution list can run into millions of rows on busy days.
    /// </summary>
    public static class TraderPnlReport
    {
        public static decimal TotalFees(IEnumerable<Execution> executions) =>
            executions.AsParallel().Sum(e => e.Fees);

        public static IReadOnlyDictionary<string, decimal> CashFlowByTrader(IEnumerable<Execution> executions)
        {
            return executions.AsParallel().Aggregate(
                () => new Dictionary<string, decimal>(StringComparer.Ordinal),
                (acc, e) =>
                {
                    acc[e.Trader] = acc.GetValueOrDefault(e.Trader) - (e.Quantity * e.Price) - e.Fees;
                    return acc;
                },
                (left, right) =>
                {
                    foreach (var (trader, amount) in right)
                        left[trader] = left.GetValueOrDefault(trader) + amount;
                    return left;
                },
                acc => (IReadOnlyDictionary<string, decimal>)acc);
        }

        public static IReadOnlyList<SymbolSummary> BySymbol(IEnumerable<Execution> executions)
        {
            return executions
                .AsParallel()
                .GroupBy(e => e.Symbol)
                .Select(g => new SymbolSummary(
                    g.Key,
                    g.Sum(e => e.Quantity),
                    g.Sum(e => Math.Abs(e.Quantity * e.Price)),
                    g.Count()))
                .OrderByDescending(s => s.Notional)
                .ToList();
        }

        public static decimal LargestSingleFee(IEnumerable<Execution> executions) =>
            executions.AsParallel().Select(e => e.Fees).DefaultIfEmpty(0m).Max();
    }
}
