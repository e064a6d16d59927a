using System.Collections.Concurrent;

namespace FleaMarket.Rents;

public sealed record StallBooking(string StallCode, int Row, string VendorId, DateOnly MarketDay,
    decimal BaseRent, bool HasPower, bool CornerPitch);

public sealed record InvoiceLine(string VendorId, string StallCode, DateOnly MarketDay, decimal Amount);

public sealed record RentRoll(IReadOnlyList<InvoiceLine> Lines, decimal[] RowTotals)
{
    public decimal GrandTotal => RowTotals.Sum();
}

/// <summary>
/// Builds the monthly rent roll for the market office: one invoice line per booking
/// plus per-row totals for the council's pitch-fee return.
/// </summary>
public sealed class RentRollCalculator
{
    private readonly decimal _powerSurcharge;
    private readonly decimal _cornerPremium;

    public RentRollCalculator(decimal powerSurcharge = 6m, decimal cornerPremium = 0.15m)
    {
        _powerSurcharge = powerSurcharge;
        _cornerPremium = cornerPremium;
    }

    public RentRoll Build(IReadOnlyList<StallBooking> bookings, int rowCount)
    {
        var rowTotals = new decimal[rowCount];
        var lines = new ConcurrentBag<InvoiceLine>();

        bookings
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .ForAll(b =>
            {
                decimal rent = Price(b);
                lines.Add(new InvoiceLine(b.VendorId, b.StallCode, b.MarketDay, rent));
                rowTotals[b.Row] += rent;
            });

        var ordered = lines
            .OrderBy(l => l.MarketDay)
            .ThenBy(l => l.StallCode, StringComparer.Ordinal)
            .ToList();
        return new RentRoll(ordered, rowTotals);
    }

    private decimal Price(StallBooking booking)
    {
        decimal rent = booking.BaseRent;
        if (booking.CornerPitch)
            rent += Math.Round(booking.BaseRent * _cornerPremium, 2);
        if (booking.HasPower)
            rent += _powerSurcharge;

        // Sunday markets in winter are discounted to keep the rows full.
        if (booking.MarketDay.DayOfWeek == DayOfWeek.Sunday && booking.MarketDay.Month is 12 or 1 or 2)
            rent *= 0.8m;

        return rent;
    }
}
