namespace FleaMarket.Office;

public sealed record PitchBooking(string Pitch, int Row, string TraderId, DateOnly Day, decimal BaseFee, bool Electric, bool Gazebo);

public sealed record TraderStatement(string TraderId, int Pitches, decimal Total);

public sealed record MonthlyReturn(decimal[] RowTotals, IReadOnlyList<TraderStatement> Statements);

/// <summary>
/// Monthly pitch-fee return for the council plus statements for each trader.
/// </summary>
public sealed class MonthlyReturnBuilder
{
    private readonly decimal _electricFee;
    private readonly decimal _gazeboFee;

    public MonthlyReturnBuilder(decimal electricFee = 6m, decimal gazeboFee = 4m)
    {
        _electricFee = electricFee;
        _gazeboFee = gazeboFee;
    }

    public MonthlyReturn Build(IReadOnlyList<PitchBooking> bookings, int rowCount)
    {
        var priced = bookings
            .AsParallel()
            .Select(b => (Booking: b, Fee: Fee(b)))
            .ToList();

        var perRow = priced
            .AsParallel()
            .GroupBy(p => p.Booking.Row)
            .Select(g => (Row: g.Key, Total: g.Sum(p => p.Fee)))
            .ToList();

        var rowTotals = new decimal[rowCount];
        foreach (var (row, total) in perRow)
            rowTotals[row] = total;

        var statements = priced
            .AsParallel()
            .GroupBy(p => p.Booking.TraderId, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TraderStatement(g.Key, g.Count(), g.Sum(p => p.Fee)))
            .OrderBy(s => s.TraderId, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new MonthlyReturn(rowTotals, statements);
    }

    private decimal Fee(PitchBooking booking)
    {
        decimal fee = booking.BaseFee;
        if (booking.Electric)
            fee += _electricFee;
        if (booking.Gazebo)
            fee += _gazeboFee;
        return fee;
    }
}
