using System.Threading.Channels;

namespace Blind10.Messaging.OrderEvents;

public sealed record OrderEvent(Guid OrderId, string EventType, DateTimeOffset OccurredAt, string Payload);

public interface IOrderEventHandler
{
    Task HandleAsync(OrderEvent orderEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Buffers order events coming off the broker connection and processes them with a
/// fixed number of workers. Returns per-type totals when the run finishes.
/// </summary>
public sealed class OrderEventConsumer
{
    private readonly Channel<OrderEvent> _channel;
    private readonly IOrderEventHandler _handler;
    private readonly int _workerCount;
    private readonly Dictionary<string, int> _handledByType = new(StringComparer.Ordinal);
    private long _failed;

    public OrderEventConsumer(IOrderEventHandler handler, int workerCount = 4, int capacity = 500)
    {
        _handler = handler;
        _workerCount = workerCount;
        _channel = Channel.CreateBounded<OrderEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public long FailedCount => Interlocked.Read(ref _failed);

    public ValueTask EnqueueAsync(OrderEvent orderEvent, CancellationToken ct) =>
        _channel.Writer.WriteAsync(orderEvent, ct);

    public void CompleteAdding() => _channel.Writer.TryComplete();

    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken ct)
    {
        var workers = new Task[_workerCount];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkerLoopAsync(ct), ct);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return new Dictionary<string, int>(_handledByType);
    }

    private async Task WorkerLoopAsync(CancellationToken ct)
    {
        await foreach (var orderEvent in _channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await _handler.HandleAsync(orderEvent, ct).ConfigureAwait(false);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
                continue;
            }

            _handledByType.TryGetValue(orderEvent.EventType, out int handled);
            _handledByType[orderEvent.EventType] = handled + 1;
        }
    }
}
