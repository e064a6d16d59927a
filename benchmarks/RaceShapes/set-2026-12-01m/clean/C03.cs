using System.Threading.Channels;

namespace Kitchen.Routing;

public sealed record OrderItem(string Name, string Category, int Quantity);

public sealed record KitchenOrder(int Number, string Table, IReadOnlyList<OrderItem> Items);

/// <summary>
/// Receives orders from the POS terminals and routes each item to the kitchen station that cooks it.
/// </summary>
public sealed class OrderRouter
{
    private readonly Channel<KitchenOrder> _inbox = Channel.CreateUnbounded<KitchenOrder>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly IReadOnlyDictionary<string, string> _stationByCategory;

    public OrderRouter(IReadOnlyDictionary<string, string> stationByCategory)
        => _stationByCategory = stationByCategory;

    /// <summary>Called by POS terminals.</summary>
    public ValueTask SubmitAsync(KitchenOrder order, CancellationToken token)
        => _inbox.Writer.WriteAsync(order, token);

    public void CloseService() => _inbox.Writer.TryComplete();

    public async Task<IReadOnlyDictionary<string, int>> RouteAsync(
        Func<string, KitchenOrder, OrderItem, Task> sendToStation,
        CancellationToken token)
    {
        var itemsPerStation = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        await foreach (var order in _inbox.Reader.ReadAllAsync(token).ConfigureAwait(false))
        {
            foreach (var item in order.Items)
            {
                var station = _stationByCategory.TryGetValue(item.Category, out var s) ? s : "expo";
                itemsPerStation[station] = itemsPerStation.GetValueOrDefault(station) + item.Quantity;
                await sendToStation(station, order, item).ConfigureAwait(false);
            }
        }

        return itemsPerStation;
    }
}
