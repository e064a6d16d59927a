using System.Collections.Generic;

namespace Blind47.Hatters.Orders;

public sealed record HatOrder(string OrderNumber, string Customer, string Style, double HeadCircumferenceCm, string Felt);

/// <summary>
/// Order book for one of the workshop's sales channels (shop counter, web
/// store, trade fairs). Each channel has its own book, but order numbers are
/// shared across the whole workshop so the blocking room sees one sequence.
/// </summary>
public sealed class HatOrderBook
{
    private static int s_lastOrderNumber = 10_000;

    private readonly string _channel;
    private readonly List<HatOrder> _orders = new();

    public HatOrderBook(string channel)
    {
        _channel = channel;
    }

    public string Channel => _channel;

    public HatOrder Place(string customer, string style, double headCm, string felt)
    {
        if (headCm is < 45 or > 70)
        {
            throw new ArgumentOutOfRangeException(nameof(headCm), "Head size must be between 45 and 70 cm.");
        }

        lock (this)
        {
            s_lastOrderNumber++;
            var order = new HatOrder($"{_channel[..1].ToUpperInvariant()}-{s_lastOrderNumber}", customer, style, headCm, felt);
            _orders.Add(order);
            return order;
        }
    }

    public IReadOnlyList<HatOrder> Pending()
    {
        lock (this)
        {
            return _orders.ToArray();
        }
    }
}

/// <summary>Receives orders from all channels and forwards them to the right book.</summary>
public sealed class OrderIntake
{
    private readonly Dictionary<string, HatOrderBook> _books;

    public OrderIntake(IEnumerable<string> channels)
    {
        _books = channels.ToDictionary(c => c, c => new HatOrderBook(c), StringComparer.OrdinalIgnoreCase);
    }

    public Task<HatOrder> PlaceAsync(string channel, string customer, string style, double headCm, string felt)
    {
        var book = _books[channel];
        return Task.Run(() => book.Place(customer, style, headCm, felt));
    }

    public async Task<IReadOnlyList<HatOrder>> PlaceTradeFairBatchAsync(IEnumerable<(string Channel, string Customer, string Style, double Head, string Felt)> batch)
    {
        var tasks = batch.Select(b => PlaceAsync(b.Channel, b.Customer, b.Style, b.Head, b.Felt));
        return await Task.WhenAll(tasks);
    }
}
