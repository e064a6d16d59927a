using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Blind2.C07;

public sealed record ShipmentScanned(string TrackingNumber, string Depot, DateTime ScannedUtc);

/// <summary>
/// Consumes depot scan events with several workers and keeps per-depot scan
/// counts for the operations dashboard.
/// </summary>
public sealed class ScanEventConsumer
{
    private readonly Channel<ShipmentScanned> _channel = Channel.CreateUnbounded<ShipmentScanned>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly ConcurrentDictionary<string, long> _scansByDepot = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<ShipmentScanned, CancellationToken, ValueTask> _process;
    private long _processed;

    public ScanEventConsumer(Func<ShipmentScanned, CancellationToken, ValueTask> process) => _process = process;

    public ChannelWriter<ShipmentScanned> Writer => _channel.Writer;

    public long Processed => Interlocked.Read(ref _processed);

    public Task RunAsync(int workers, CancellationToken ct)
        => Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkerAsync(ct)));

    private async Task WorkerAsync(CancellationToken ct)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (reader.TryRead(out var scan))
            {
                await _process(scan, ct).ConfigureAwait(false);
                CountScan(scan);
            }
        }
    }

    private void CountScan(ShipmentScanned scan)
    {
        _scansByDepot.AddOrUpdate(scan.Depot, 1, (_, current) => current + 1);
        Interlocked.Increment(ref _processed);
    }

    public IReadOnlyDictionary<string, long> SnapshotCounts()
        => new Dictionary<string, long>(_scansByDepot, StringComparer.OrdinalIgnoreCase);
}
