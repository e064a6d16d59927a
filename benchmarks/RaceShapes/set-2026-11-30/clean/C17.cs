using System.Threading.Channels;

namespace Blind.C17;

public readonly record struct OrderEvent(string OrderId, string CustomerId, decimal Amount, DateTime At);

public sealed record CustomerTotals(IReadOnlyDictionary<string, decimal> SpendByCustomer, int EventCount);

/// <summary>
/// Aggregates order events coming from several ingestion workers. All aggregation
/// state is owned by the single consumer loop.
/// </summary>
public sealed class OrderAggregator
{
    private readonly Channel<OrderEvent> _channel = Channel.CreateBounded<OrderEvent>(
        new BoundedChannelOptions(10_000)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private readonly Dictionary<string, decimal> _spendByCustomer = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenOrders = new(StringComparer.Ordinal);
    private readonly Task<CustomerTotals> _consumer;

    public OrderAggregator()
    {
        _consumer = Task.Run(ConsumeAsync);
    }

    public ValueTask PublishAsync(OrderEvent e, CancellationToken ct = default) => _channel.Writer.WriteAsync(e, ct);

    public Task<CustomerTotals> CompleteAsync()
    {
        _channel.Writer.TryComplete();
        return _consumer;
    }

    private async Task<CustomerTotals> ConsumeAsync()
    {
        int count = 0;
        await foreach (var e in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!_seenOrders.Add(e.OrderId))
            {
                continue;
            }

            _spendByCustomer[e.CustomerId] = _spendByCustomer.GetValueOrDefault(e.CustomerId) + e.Amount;
            count++;
        }

        return new CustomerTotals(new Dictionary<string, decimal>(_spendByCustomer), count);
    }

    public static async Task<CustomerTotals> RunAsync(IReadOnlyList<IAsyncEnumerable<OrderEvent>> sources)
    {
        var aggregator = new OrderAggregator();
        await Task.WhenAll(sources.Select(async source =>
        {
            await foreach (var e in source.ConfigureAwait(false))
            {
                await aggregator.PublishAsync(e).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);

        return await aggregator.CompleteAsync().ConfigureAwait(false);
    }
}
