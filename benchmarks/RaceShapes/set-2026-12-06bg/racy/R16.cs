using Microsoft.Extensions.Options;

namespace Blind59.TeaRooms.Menu;

public sealed class AfternoonTeaOptions
{
    public List<TeaMenuItem> Items { get; set; } = new();
    public double ServiceChargePercent { get; set; } = 10.0;
}

public sealed class TeaMenuItem
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
    public bool Available { get; set; } = true;
}

public sealed record BillLine(string Name, int Quantity, decimal Amount);

/// <summary>
/// Prices orders for the tea room tills and the online table booking page. The menu
/// lives in appsettings so the manager can change prices or mark scones as sold out
/// without a restart. Registered as a singleton.
/// </summary>
public sealed class TeaRoomPricing : IDisposable
{
    private readonly List<TeaMenuItem> _items = new();
    private readonly IDisposable? _subscription;
    private double _serviceChargePercent;

    public TeaRoomPricing(IOptionsMonitor<AfternoonTeaOptions> options)
    {
        Apply(options.CurrentValue);
        _subscription = options.OnChange(Apply);
    }

    private void Apply(AfternoonTeaOptions options)
    {
        _items.Clear();
        _items.AddRange(options.Items.Where(i => !string.IsNullOrWhiteSpace(i.Code)));
        Interlocked.Exchange(ref _serviceChargePercent, options.ServiceChargePercent);
    }

    public IReadOnlyList<BillLine> PriceOrder(IReadOnlyDictionary<string, int> quantitiesByCode, out decimal total)
    {
        var lines = new List<BillLine>();
        decimal subtotal = 0m;

        foreach (var item in _items)
        {
            if (!item.Available || !quantitiesByCode.TryGetValue(item.Code, out var qty) || qty <= 0)
            {
                continue;
            }

            var amount = item.Price * qty;
            lines.Add(new BillLine(item.Name, qty, amount));
            subtotal += amount;
        }

        var charge = Volatile.Read(ref _serviceChargePercent);
        total = Math.Round(subtotal * (1 + (decimal)charge / 100m), 2);
        return lines;
    }

    public void Dispose() => _subscription?.Dispose();
}

/// <summary>
/// Till endpoint; every till in the tea room posts orders concurrently.
/// </summary>
public static class TillEndpoint
{
    public static object Checkout(TeaRoomPricing pricing, Dictionary<string, int> order)
    {
        var lines = pricing.PriceOrder(order, out var total);
        return new { lines, total };
    }
}
