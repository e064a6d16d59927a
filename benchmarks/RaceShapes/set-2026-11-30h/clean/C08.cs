using System.Threading.Channels;

namespace Blind8.Messaging.Shipments;

public sealed record ShipmentEvent(string Kind, string TrackingNumber, DateTimeOffset At);

public interface IShipmentProjection
{
    Task ApplyAsync(ShipmentEvent shipmentEvent, CancellationToken ct);
}

/// <summary>
/// Applies shipment events to the read model in arrival order. Webhook
/// requests enqueue events from many threads; one background loop applies them.
/// </summary>
public sealed class ShipmentEventPump
{
    private readonly Channel<ShipmentEvent> _queue = Channel.CreateUnbounded<ShipmentEvent>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly IShipmentProjection _projection;
    private long _enqueued;
    private long _applied;

    public ShipmentEventPump(IShipmentProjection projection) => _projection = projection;

    public long Enqueued => Interlocked.Read(ref _enqueued);

    public long Applied => Interlocked.Read(ref _applied);

    public bool TryEnqueue(ShipmentEvent shipmentEvent)
    {
        if (!_queue.Writer.TryWrite(shipmentEvent))
        {
            return false;
        }

        Interlocked.Increment(ref _enqueued);
        return true;
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// Runs the apply loop until the queue is completed; returns how many events
    /// of each kind were applied.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken ct)
    {
        var appliedByKind = new Dictionary<string, int>(StringComparer.Ordinal);

        await foreach (var shipmentEvent in _queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await _projection.ApplyAsync(shipmentEvent, ct).ConfigureAwait(false);
                Interlocked.Increment(ref _applied);
                Count(appliedByKind, shipmentEvent.Kind);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.Error.WriteLine($"Failed to apply {shipmentEvent.Kind} for {shipmentEvent.TrackingNumber}: {ex.Message}");
            }
        }

        return appliedByKind;
    }

    private static void Count(Dictionary<string, int> counts, string kind)
    {
        counts.TryGetValue(kind, out var current);
        counts[kind] = current + 1;
    }
}
