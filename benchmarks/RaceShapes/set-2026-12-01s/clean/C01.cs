using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace GlacierWatch.Ingest;

public readonly record struct GaugePacket(string GaugeId, double Millimetres, double AirTempC, DateTimeOffset TakenAt);

public sealed record GaugeState(string GaugeId, double CumulativeMillimetres, double LastAirTempC, DateTimeOffset LastSeen);

/// <summary>
/// Ingestion pipeline for the melt gauges. The upload endpoint calls
/// <see cref="TryEnqueue"/> from any request; a single background loop folds packets
/// into per-gauge state and publishes a snapshot for the dashboard.
/// </summary>
public sealed class GaugeIngestPipeline : BackgroundService
{
    private readonly Channel<GaugePacket> _packets = Channel.CreateBounded<GaugePacket>(
        new BoundedChannelOptions(10_000)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

    private ImmutableDictionary<string, GaugeState> _snapshot = ImmutableDictionary<string, GaugeState>.Empty;
    private long _dropped;

    public bool TryEnqueue(GaugePacket packet)
    {
        if (_packets.Writer.TryWrite(packet))
            return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    public long DroppedPackets => Interlocked.Read(ref _dropped);

    public IReadOnlyDictionary<string, GaugeState> GetSnapshot() => Volatile.Read(ref _snapshot);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var working = new Dictionary<string, GaugeState>(StringComparer.OrdinalIgnoreCase);
        var lastPublish = DateTimeOffset.MinValue;

        while (await _packets.Reader.WaitToReadAsync(stoppingToken))
        {
            while (_packets.Reader.TryRead(out var packet))
            {
                working.TryGetValue(packet.GaugeId, out var current);
                double cumulative = (current?.CumulativeMillimetres ?? 0) + Math.Max(0, packet.Millimetres);
                working[packet.GaugeId] = new GaugeState(packet.GaugeId, cumulative, packet.AirTempC, packet.TakenAt);
            }

            var now = DateTimeOffset.UtcNow;
            if (now - lastPublish > TimeSpan.FromSeconds(2))
            {
                Volatile.Write(ref _snapshot, working.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
                lastPublish = now;
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _packets.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
