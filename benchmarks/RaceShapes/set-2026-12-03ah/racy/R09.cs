using Microsoft.Extensions.DependencyInjection;

namespace Blind34.Bonsai.Orders;

public sealed record OrderSummary(int OrderId, string Customer, string Species, decimal Total, DateTimeOffset PlacedAt);

/// <summary>
/// Short in-memory feed of the most recent nursery orders, shown on the shop
/// floor screen. Registered as an app-wide singleton; the checkout endpoint
/// appends to it and the screen's polling endpoint reads from it.
/// </summary>
public sealed class RecentOrdersFeed
{
    private readonly object _gate = new();
    private readonly List<OrderSummary> _orders = new();
    private readonly int _capacity;

    public RecentOrdersFeed(int capacity = 50) => _capacity = capacity;

    public void Add(OrderSummary order)
    {
        lock (_gate)
        {
            _orders.Add(order);
            if (_orders.Count > _capacity)
            {
                _orders.RemoveAt(0);
            }
        }
    }

    public IReadOnlyList<OrderSummary> Latest(int count)
    {
        var skip = Math.Max(0, _orders.Count - count);
        return _orders.Skip(skip).Reverse().ToList();
    }

    public decimal TakingsSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            return _orders.Where(o => o.PlacedAt >= since).Sum(o => o.Total);
        }
    }
}

public static class BonsaiShopServices
{
    public static IServiceCollection AddBonsaiShop(this IServiceCollection services) =>
        services
            .AddSingleton<RecentOrdersFeed>()
            .AddScoped<CheckoutHandler>()
            .AddScoped<ShopScreenHandler>();
}

public sealed class CheckoutHandler
{
    private static int s_nextOrderId;
    private readonly RecentOrdersFeed _feed;

    public CheckoutHandler(RecentOrdersFeed feed) => _feed = feed;

    public int Complete(string customer, string species, decimal total)
    {
        var id = Interlocked.Increment(ref s_nextOrderId);
        _feed.Add(new OrderSummary(id, customer, species, total, DateTimeOffset.UtcNow));
        return id;
    }
}

public sealed class ShopScreenHandler
{
    private readonly RecentOrdersFeed _feed;

    public ShopScreenHandler(RecentOrdersFeed feed) => _feed = feed;

    public IEnumerable<string> Lines() =>
        _feed.Latest(12).Select(o => $"#{o.OrderId} {o.Customer}: {o.Species} ({o.Total:C})");
}
