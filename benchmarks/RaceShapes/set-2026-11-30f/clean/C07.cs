using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Shipping.Events;

public sealed record ShipmentEvent(string TrackingNumber, string Kind, DateTimeOffset OccurredAt);

/// <summary>
/// Consumes shipment events from a bounded channel with several workers and
/// keeps per-kind counters for the admin page.
/// </summary>
public sealed class ShipmentEventProcessor
{
    private readonly Channel<ShipmentEvent> _channel = Channel.CreateBounded<ShipmentEvent>(
        new BoundedChannelOptions(2_000) { FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentDictionary<string, long> _processedByKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly Func<ShipmentEvent, CancellationToken, ValueTask> _handle;
    private long _failures;

    public ShipmentEventProcessor(Func<ShipmentEvent, CancellationToken, ValueTask> handle)
    {
        _handle = handle;
    }

    public ChannelWriter<ShipmentEvent> Writer => _channel.Writer;

    public long Failures => Interlocked.Read(ref _failures);

    public IReadOnlyDictionary<string, long> ProcessedByKind => new Dictionary<string, long>(_processedByKind);

    public Task RunAsync(int workers, CancellationToken cancellationToken)
    {
        return Task.WhenAll(Enumerable.Range(0, workers)
            .Select(_ => Task.Run(() => ConsumeAsync(cancellationToken), cancellationToken)));
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var shipmentEvent))
            {
                try
                {
                    await _handle(shipmentEvent, cancellationToken).ConfigureAwait(false);
                    Track(shipmentEvent);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref _failures);
                    Console.Error.WriteLine($"{shipmentEvent.TrackingNumber}: {ex.Message}");
                }
            }
        }
    }

    private void Track(ShipmentEvent shipmentEvent)
    {
        _processedByKind.AddOrUpdate(shipmentEvent.Kind, 1, static (_, count) => count + 1);
        _lastSeen.AddOrUpdate(
            shipmentEvent.TrackingNumber,
            shipmentEvent.OccurredAt,
            (_, previous) => previous > shipmentEvent.OccurredAt ? previous : shipmentEvent.OccurredAt);
    }

    public DateTimeOffset? LastSeen(string trackingNumber) =>
        _lastSeen.TryGetValue(trackingNumber, out var seen) ? seen : null;
}
