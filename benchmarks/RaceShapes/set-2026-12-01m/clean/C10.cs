namespace Insurance.Reserves;

public sealed record OpenClaim(string ClaimNumber, string LineOfBusiness, decimal Incurred, decimal Paid, int AgeDays);

public sealed class ReserveTotals
{
    public Dictionary<string, decimal> ByLine { get; } = new(StringComparer.OrdinalIgnoreCase);
    public decimal Total { get; private set; }
    public int Count { get; private set; }

    public void Add(string line, decimal reserve)
    {
        ByLine[line] = ByLine.GetValueOrDefault(line) + reserve;
        Total += reserve;
        Count++;
    }

    public void Merge(ReserveTotals other)
    {
        foreach (var (line, amount) in other.ByLine)
        {
            ByLine[line] = ByLine.GetValueOrDefault(line) + amount;
        }

        Total += other.Total;
        Count += other.Count;
    }
}

/// <summary>
/// Month-end case reserve calculation across all open claims.
/// </summary>
public static class ReserveCalculator
{
    public static ReserveTotals Calculate(IEnumerable<OpenClaim> claims, decimal agingLoadPerYear)
    {
        var totals = new ReserveTotals();
        var mergeLock = new object();

        Parallel.ForEach(
            claims,
            () => new ReserveTotals(),
            (claim, _, local) =>
            {
                var outstanding = Math.Max(0m, claim.Incurred - claim.Paid);
                var load = 1m + agingLoadPerYear * claim.AgeDays / 365m;
                local.Add(claim.LineOfBusiness, decimal.Round(outstanding * load, 2));
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    totals.Merge(local);
                }
            });

        return totals;
    }
}
