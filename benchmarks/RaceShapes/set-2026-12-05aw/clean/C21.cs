using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace BusDepots.Yard;

public sealed record BayEvent(string BusId, int Bay, bool Arrived, DateTime AtUtc);

/// <summary>
/// Receives bay sensor events from the depot yard. Any number of sensor gateways may write;
/// the occupancy tracker is the only reader.
/// </summary>
public sealed class BayEventChannel
{
    private readonly Channel<BayEvent> _channel = Channel.CreateBounded<BayEvent>(
        new BoundedChannelOptions(2_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask PublishAsync(BayEvent e, CancellationToken ct) => _channel.Writer.WriteAsync(e, ct);

    public ChannelReader<BayEvent> Reader => _channel.Reader;

    public void Complete() => _channel.Writer.TryComplete();
}

public sealed record YardOccupancy(IReadOnlyDictionary<int, string> BusByBay, DateTime AsOfUtc);

/// <summary>
/// Keeps track of which bus sits in which bay and publishes the occupancy for the
/// depot dashboard.
/// </summary>
public sealed class OccupancyTracker : BackgroundService
{
    private readonly BayEventChannel _events;
    private readonly Dictionary<int, string> _busByBay = new();
    private YardOccupancy _published = new(new Dictionary<int, string>(), DateTime.MinValue);

    public OccupancyTracker(BayEventChannel events)
    {
        _events = events;
    }

    public YardOccupancy Current => Volatile.Read(ref _published);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            while (reader.TryRead(out var e))
            {
                if (e.Arrived)
                {
                    _busByBay[e.Bay] = e.BusId;
                }
                else if (_busByBay.TryGetValue(e.Bay, out var bus) && bus == e.BusId)
                {
                    _busByBay.Remove(e.Bay);
                }
            }
            Volatile.Write(ref _published, new YardOccupancy(new Dictionary<int, string>(_busByBay), DateTime.UtcNow));
        }
    }
}

/// <summary>Adapter for one sensor gateway; several run side by side.</summary>
public sealed class SensorGateway
{
    private readonly BayEventChannel _events;
    private readonly string _gatewayId;

    public SensorGateway(string gatewayId, BayEventChannel events)
    {
        _gatewayId = gatewayId;
        _events = events;
    }

    public async Task PumpAsync(IAsyncEnumerable<(string BusId, int Bay, bool Arrived)> raw, CancellationToken ct)
    {
        await foreach (var (busId, bay, arrived) in raw.WithCancellation(ct))
        {
            await _events.PublishAsync(new BayEvent(busId, bay, arrived, DateTime.UtcNow), ct);
        }
    }

    public override string ToString() => $"gateway {_gatewayId}";
}
