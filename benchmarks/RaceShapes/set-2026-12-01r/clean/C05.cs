namespace IceRink.IceTime;

public sealed record Booking(string Sheet, string Club, TimeSpan Length, decimal HourlyRate);

/// <summary>
/// Produces the monthly ice-time invoice totals for the rink office.
/// </summary>
public sealed class IceTimeBilling
{
    public sealed record MonthTotals(decimal Revenue, TimeSpan IceHours, int Bookings);

    public MonthTotals Summarize(IReadOnlyList<Booking> bookings)
    {
        var gate = new object();
        decimal revenue = 0;
        long ticks = 0;
        var count = 0;

        Parallel.ForEach(
            bookings,
            () => (Revenue: 0m, Ticks: 0L, Count: 0),
            (booking, _, local) =>
            {
                var hours = (decimal)booking.Length.TotalHours;
                local.Revenue += Math.Round(hours * booking.HourlyRate, 2);
                local.Ticks += booking.Length.Ticks;
                local.Count++;
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    revenue += local.Revenue;
                    ticks += local.Ticks;
                    count += local.Count;
                }
            });

        return new MonthTotals(revenue, TimeSpan.FromTicks(ticks), count);
    }

    public IReadOnlyDictionary<string, decimal> PerClub(IReadOnlyList<Booking> bookings)
    {
        return bookings
            .AsParallel()
            .GroupBy(b => b.Club)
            .ToDictionary(
                g => g.Key,
                g => g.Sum(b => Math.Round((decimal)b.Length.TotalHours * b.HourlyRate, 2)));
    }
}

public sealed class MonthEndJob
{
    private readonly IceTimeBilling _billing = new();

    public async Task<string> RunAsync(Func<Task<IReadOnlyList<Booking>>> load)
    {
        var bookings = await load();
        var totals = await Task.Run(() => _billing.Summarize(bookings));
        var perClub = _billing.PerClub(bookings);
        return $"{totals.Bookings} bookings, {totals.IceHours.TotalHours:F1} h, {totals.Revenue:C}; {perClub.Count} clubs";
    }
}
