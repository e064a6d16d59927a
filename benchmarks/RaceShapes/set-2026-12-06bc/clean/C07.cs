namespace Blind55.Clean.C07;

public sealed record RentalContract(string Id, string Category, int Days, bool Insurance, bool Damaged);

/// <summary>End-of-season revenue report for the ski rental shop.</summary>
public sealed class SeasonRevenueReport
{
    private static readonly IReadOnlyDictionary<string, decimal> DailyRates = new Dictionary<string, decimal>
    {
        ["skis"] = 32m,
        ["snowboard"] = 30m,
        ["boots"] = 12m,
        ["helmet"] = 6m,
    };

    private readonly object _totalGate = new();
    private decimal _total;
    private int _damagedCount;

    public decimal Total
    {
        get { lock (_totalGate) return _total; }
    }

    public int DamagedCount => Volatile.Read(ref _damagedCount);

    public decimal Compute(IReadOnlyList<RentalContract> contracts)
    {
        lock (_totalGate) _total = 0m;
        Volatile.Write(ref _damagedCount, 0);

        Parallel.ForEach(
            contracts,
            () => 0m,
            (contract, _, subtotal) =>
            {
                if (contract.Damaged)
                {
                    Interlocked.Increment(ref _damagedCount);
                }

                return subtotal + PriceOf(contract);
            },
            subtotal =>
            {
                lock (_totalGate)
                {
                    _total += subtotal;
                }
            });

        return Total;
    }

    private static decimal PriceOf(RentalContract contract)
    {
        var rate = DailyRates.TryGetValue(contract.Category, out var r) ? r : 20m;
        var price = rate * contract.Days;
        if (contract.Days >= 5)
        {
            price *= 0.85m;
        }

        return contract.Insurance ? price + 3m * contract.Days : price;
    }
}

public static class RevenueCommand
{
    public static int Run(string[] args)
    {
        var contracts = Enumerable.Range(1, 5000)
            .Select(i => new RentalContract($"C{i:D5}", (i % 4) switch { 0 => "skis", 1 => "snowboard", 2 => "boots", _ => "helmet" }, 1 + i % 7, i % 3 == 0, i % 97 == 0))
            .ToList();

        var report = new SeasonRevenueReport();
        Console.WriteLine($"Season revenue: {report.Compute(contracts):C}, damaged returns: {report.DamagedCount}");
        return 0;
    }
}
