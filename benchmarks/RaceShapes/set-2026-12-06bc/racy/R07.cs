namespace Blind55.Racy.R07;

public sealed record RentalContract(string Id, string Category, int Days, bool Insurance, bool Damaged);

/// <summary>End-of-season revenue report for the ski rental shop.</summary>
public sealed class RentalRevenueReport
{
    private static readonly IReadOnlyDictionary<string, decimal> DailyRates = new Dictionary<string, decimal>
    {
        ["skis"] = 32m,
        ["snowboard"] = 30m,
        ["boots"] = 12m,
        ["helmet"] = 6m,
    };

    private decimal _total;
    private int _damagedCount;

    public decimal Total => _total;
    public int DamagedCount => _damagedCount;

    public decimal Compute(IReadOnlyList<RentalContract> contracts)
    {
        _total = 0m;
        _damagedCount = 0;

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
                _total += subtotal;
            });

        return _total;
    }

    private static decimal PriceOf(RentalContract contract)
    {
        var rate = DailyRates.TryGetValue(contract.Category, out var r) ? r : 20m;
        var price = rate * contract.Days;

        // Multi-day discount, matching the price board in the shop.
        if (contract.Days >= 5)
        {
            price *= 0.85m;
        }

        if (contract.Insurance)
        {
            price += 3m * contract.Days;
        }

        return price;
    }
}

public static class RevenueCommand
{
    public static int Run(string[] args)
    {
        var contracts = Enumerable.Range(1, 5000)
            .Select(i => new RentalContract($"C{i:D5}", (i % 4) switch { 0 => "skis", 1 => "snowboard", 2 => "boots", _ => "helmet" }, 1 + i % 7, i % 3 == 0, i % 97 == 0))
            .ToList();

        var report = new RentalRevenueReport();
        var total = report.Compute(contracts);
        Console.WriteLine($"Season revenue: {total:C}, damaged returns: {report.DamagedCount}");
        return 0;
    }
}
