using System.Threading.Channels;

namespace Avalanche.Beacons;

public readonly record struct BeaconPing(string BeaconId, double SignalDb, double BearingDegrees, DateTimeOffset ReceivedAt);

/// <summary>
/// Processes pings from the rescue team's receivers during a search. Several workers
/// drain the ping channel so a burst from many receivers doesn't back up.
/// </summary>
public sealed class BeaconSearchSession
{
    private readonly Channel<BeaconPing> _pings = Channel.CreateBounded<BeaconPing>(new BoundedChannelOptions(1024)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = false,
        SingleWriter = false,
    });

    private double _strongestDb = double.NegativeInfinity;
    private string? _strongestBeacon;
    private long _processed;

    public ChannelWriter<BeaconPing> Writer => _pings.Writer;

    public long Processed => Interlocked.Read(ref _processed);

    public Task RunAsync(int workers, CancellationToken ct)
    {
        var tasks = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            tasks[i] = Task.Run(() => DrainAsync(ct), ct);
        }
        return Task.WhenAll(tasks);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        await foreach (var ping in _pings.Reader.ReadAllAsync(ct))
        {
            Interlocked.Increment(ref _processed);
            if (ping.SignalDb > _strongestDb)
            {
                _strongestDb = ping.SignalDb;
                _strongestBeacon = ping.BeaconId;
            }
        }
    }

    public (string? BeaconId, double SignalDb) Strongest()
    {
        return (Volatile.Read(ref _strongestBeacon), Volatile.Read(ref _strongestDb));
    }
}

/// <summary>
/// Forwards raw receiver frames into the search session.
/// </summary>
public sealed class ReceiverBridge
{
    private readonly BeaconSearchSession _session;

    public ReceiverBridge(BeaconSearchSession session) => _session = session;

    public async Task PumpAsync(IAsyncEnumerable<(string Id, double Db, double Bearing)> frames, CancellationToken ct)
    {
        await foreach (var frame in frames.WithCancellation(ct))
        {
            await _session.Writer.WriteAsync(new BeaconPing(frame.Id, frame.Db, frame.Bearing, DateTimeOffset.UtcNow), ct);
        }
    }
}
