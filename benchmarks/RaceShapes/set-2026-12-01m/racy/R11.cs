namespace Energy.Billing;

public sealed record MeterReading(string AccountId, decimal KWh);

/// <summary>
/// Inclining-block tariff: each band of consumption is charged at its own rate.
/// </summary>
public sealed class TariffCalculator
{
    private readonly decimal[] _bandLimits;   // cumulative kWh upper bound of each band
    private readonly decimal[] _bandRates;    // price per kWh in each band
    private int _band;

    public TariffCalculator(decimal[] bandLimits, decimal[] bandRates)
    {
        if (bandLimits.Length != bandRates.Length)
        {
            throw new ArgumentException("Each band needs a rate.", nameof(bandRates));
        }

        _bandLimits = bandLimits;
        _bandRates = bandRates;
    }

    public decimal[] BillAll(IReadOnlyList<MeterReading> readings)
    {
        var totals = new decimal[readings.Count];
        Parallel.For(0, readings.Count, i => totals[i] = Charge(readings[i].KWh));
        return totals;
    }

    private decimal Charge(decimal kwh)
    {
        decimal remaining = kwh;
        decimal total = 0m;
        decimal previousLimit = 0m;

        for (_band = 0; _band < _bandLimits.Length && remaining > 0; _band++)
        {
            var bandSize = _bandLimits[_band] - previousLimit;
            var used = Math.Min(remaining, bandSize);
            total += used * _bandRates[_band];
            remaining -= used;
            previousLimit = _bandLimits[_band];
        }

        if (remaining > 0)
        {
            total += remaining * _bandRates[^1];
        }

        return decimal.Round(total, 2, MidpointRounding.AwayFromZero);
    }
}
