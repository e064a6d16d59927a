using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace FoodTruck.Orders;

public sealed record TruckOrder(int Number, string Customer, IReadOnlyList<string> Items, DateTime PlacedUtc);

/// <summary>
/// Order queue for the truck's kitchen. The ordering endpoints call
/// <see cref="PlaceAsync"/>; the kitchen display reads <see cref="PendingCount"/>
/// to show the wait estimate.
/// </summary>
public sealed class OrderQueue
{
    private readonly Channel<TruckOrder> _channel = Channel.CreateBounded<TruckOrder>(
        new BoundedChannelOptions(200) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private int _nextNumber;
    private int _pendingCount;

    public int PendingCount => Volatile.Read(ref _pendingCount);

    public TimeSpan EstimatedWait => TimeSpan.FromMinutes(PendingCount * 3);

    public async ValueTask<TruckOrder> PlaceAsync(string customer, IReadOnlyList<string> items, CancellationToken ct)
    {
        var order = new TruckOrder(Interlocked.Increment(ref _nextNumber), customer, items, DateTime.UtcNow);
        await _channel.Writer.WriteAsync(order, ct);
        Interlocked.Increment(ref _pendingCount);
        return order;
    }

    internal ChannelReader<TruckOrder> Reader => _channel.Reader;

    internal void MarkServed()
    {
        _pendingCount--;
    }
}

/// <summary>
/// Pulls orders off the queue and sends them to the grill station.
/// </summary>
public sealed class KitchenWorker : BackgroundService
{
    private readonly OrderQueue _queue;
    private readonly Func<TruckOrder, CancellationToken, Task> _cook;

    public KitchenWorker(OrderQueue queue, Func<TruckOrder, CancellationToken, Task> cook)
    {
        _queue = queue;
        _cook = cook;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var order in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await _cook(order, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.Error.WriteLine($"Order {order.Number} failed: {ex.Message}");
            }
            finally
            {
                _queue.MarkServed();
            }
        }
    }
}
