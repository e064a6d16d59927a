using System.Threading.Channels;

namespace Blind2.R07;

public sealed record OrderEvent(Guid OrderId, string CustomerId, decimal Amount, DateTime OccurredUtc);

/// <summary>
/// Drains order events from an in-process queue with a fixed number of
/// workers and keeps running revenue totals per customer for the dashboard.
/// </summary>
public sealed class OrderEventConsumer
{
    private readonly Channel<OrderEvent> _channel;
    private readonly Func<OrderEvent, CancellationToken, Task> _handler;
    private readonly int _workerCount;
    private readonly Dictionary<string, decimal> _revenueByCustomer = new(StringComparer.Ordinal);

    public OrderEventConsumer(Func<OrderEvent, CancellationToken, Task> handler, int workerCount = 4)
    {
        _handler = handler;
        _workerCount = workerCount;
        _channel = Channel.CreateBounded<OrderEvent>(new BoundedChannelOptions(1_000)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelWriter<OrderEvent> Writer => _channel.Writer;

    /// <summary>Runs until the writer is completed, then returns the totals.</summary>
    public async Task<IReadOnlyDictionary<string, decimal>> RunAsync(CancellationToken ct)
    {
        var workers = Enumerable.Range(0, _workerCount).Select(_ => ConsumeAsync(ct)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return new Dictionary<string, decimal>(_revenueByCustomer);
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        await foreach (var evt in _channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await _handler(evt, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.Error.WriteLine($"Order {evt.OrderId} failed: {ex.Message}");
                continue;
            }

            AddRevenue(evt);
        }
    }

    private void AddRevenue(OrderEvent evt)
    {
        _revenueByCustomer[evt.CustomerId] = _revenueByCustomer.GetValueOrDefault(evt.CustomerId) + evt.Amount;
    }
}

public static class OrderPipeline
{
    public static async Task<IReadOnlyDictionary<string, decimal>> ReplayAsync(IEnumerable<OrderEvent> history, CancellationToken ct)
    {
        var consumer = new OrderEventConsumer((_, token) => Task.Delay(5, token));
        var run = consumer.RunAsync(ct);

        foreach (var evt in history)
            await consumer.Writer.WriteAsync(evt, ct).ConfigureAwait(false);
        consumer.Writer.Complete();

        return await run.ConfigureAwait(false);
    }
}
