using System.Threading.Channels;

namespace Blind8.Messaging.Orders;

public sealed record OrderEvent(string EventType, Guid OrderId, DateTimeOffset OccurredAt, string Payload);

public interface IOrderEventHandler
{
    Task HandleAsync(OrderEvent orderEvent, CancellationToken ct);
}

/// <summary>
/// Pulls order events off an in-process queue and hands them to the domain
/// handler. Several workers drain the queue so that one slow event does not
/// hold up the rest.
/// </summary>
public sealed class OrderEventConsumer
{
    private readonly Channel<OrderEvent> _queue;
    private readonly IOrderEventHandler _handler;
    private readonly int _workerCount;
    private readonly Dictionary<string, int> _handledByType = new(StringComparer.Ordinal);
    private Task _completion = Task.CompletedTask;

    public OrderEventConsumer(IOrderEventHandler handler, int workerCount = 4, int capacity = 1000)
    {
        _handler = handler;
        _workerCount = workerCount;
        _queue = Channel.CreateBounded<OrderEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public ValueTask EnqueueAsync(OrderEvent orderEvent, CancellationToken ct) =>
        _queue.Writer.WriteAsync(orderEvent, ct);

    public void Start(CancellationToken ct)
    {
        var workers = new Task[_workerCount];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkerLoopAsync(ct), ct);
        }

        _completion = Task.WhenAll(workers);
    }

    public async Task<IReadOnlyDictionary<string, int>> StopAsync()
    {
        _queue.Writer.TryComplete();
        await _completion.ConfigureAwait(false);
        return new Dictionary<string, int>(_handledByType);
    }

    private async Task WorkerLoopAsync(CancellationToken ct)
    {
        await foreach (var orderEvent in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await _handler.HandleAsync(orderEvent, ct).ConfigureAwait(false);
                CountHandled(orderEvent.EventType);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.Error.WriteLine($"Order event {orderEvent.OrderId} ({orderEvent.EventType}) failed: {ex.Message}");
            }
        }
    }

    private void CountHandled(string eventType)
    {
        _handledByType.TryGetValue(eventType, out var count);
        _handledByType[eventType] = count + 1;
    }
}
