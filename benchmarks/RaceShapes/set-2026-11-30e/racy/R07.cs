using System.Threading.Channels;

namespace Shipping.Messaging;

public sealed record ShipmentEvent(string ShipmentId, string EventType, DateTimeOffset OccurredAt, string Payload);

public interface IShipmentEventHandler
{
    Task HandleAsync(ShipmentEvent shipmentEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Pulls shipment events off an in-memory channel (fed by the broker subscription) and
/// dispatches them to the handler using a fixed number of workers.
/// </summary>
public sealed class ShipmentEventConsumer
{
    private readonly Channel<ShipmentEvent> _channel;
    private readonly IShipmentEventHandler _handler;
    private readonly int _workerCount;
    private readonly Dictionary<string, int> _handledByType = new(StringComparer.Ordinal);
    private long _handled;
    private long _failed;

    public ShipmentEventConsumer(IShipmentEventHandler handler, int workerCount = 4, int capacity = 1_000)
    {
        _handler = handler;
        _workerCount = workerCount;
        _channel = Channel.CreateBounded<ShipmentEvent>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            SingleReader = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelWriter<ShipmentEvent> Writer => _channel.Writer;

    public long HandledCount => Interlocked.Read(ref _handled);

    public long FailedCount => Interlocked.Read(ref _failed);

    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        var workers = new Task[_workerCount];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkerAsync(cancellationToken), cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return new Dictionary<string, int>(_handledByType, StringComparer.Ordinal);
    }

    private async Task WorkerAsync(CancellationToken cancellationToken)
    {
        await foreach (var evt in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _handler.HandleAsync(evt, cancellationToken).ConfigureAwait(false);
                CountHandled(evt.EventType);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }

    private void CountHandled(string eventType)
    {
        Interlocked.Increment(ref _handled);
        _handledByType[eventType] = _handledByType.TryGetValue(eventType, out var count) ? count + 1 : 1;
    }
}
