namespace Energy.Invoicing;

public sealed record IntervalReading(string AccountId, DateTime Start, decimal KWh);

public sealed record Invoice(string AccountId, decimal KWh, decimal Amount);

/// <summary>
/// Monthly invoicing with time-of-use pricing and an inclining block on the off-peak total.
/// </summary>
public sealed class InvoiceRun
{
    private readonly decimal _peakRate;
    private readonly decimal[] _blockLimits;
    private readonly decimal[] _blockRates;

    public InvoiceRun(decimal peakRate, decimal[] blockLimits, decimal[] blockRates)
    {
        _peakRate = peakRate;
        _blockLimits = blockLimits;
        _blockRates = blockRates;
    }

    public IReadOnlyList<Invoice> Run(IEnumerable<IntervalReading> readings)
    {
        return readings
            .AsParallel()
            .GroupBy(r => r.AccountId)
            .Select(g =>
            {
                var peak = g.Where(r => IsPeak(r.Start)).Sum(r => r.KWh);
                var offPeak = g.Where(r => !IsPeak(r.Start)).Sum(r => r.KWh);
                var amount = peak * _peakRate + BlockCharge(offPeak);
                return new Invoice(g.Key, peak + offPeak, decimal.Round(amount, 2, MidpointRounding.AwayFromZero));
            })
            .OrderBy(i => i.AccountId, StringComparer.Ordinal)
            .ToList();
    }

    public decimal TotalBilled(IEnumerable<Invoice> invoices)
        => invoices.AsParallel().Aggregate(0m, (sum, inv) => sum + inv.Amount, (a, b) => a + b, total => total);

    private static bool IsPeak(DateTime start)
        => start.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && start.Hour is >= 16 and < 21;

    private decimal BlockCharge(decimal kwh)
    {
        var remaining = kwh;
        var total = 0m;
        var previous = 0m;
        for (var band = 0; band < _blockLimits.Length && remaining > 0; band++)
        {
            var used = Math.Min(remaining, _blockLimits[band] - previous);
            total += used * _blockRates[band];
            remaining -= used;
            previous = _blockLimits[band];
        }

        return remaining > 0 ? total + remaining * _blockRates[^1] : total;
    }
}
