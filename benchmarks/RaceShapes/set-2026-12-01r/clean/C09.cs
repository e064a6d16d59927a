using System.Threading.Channels;

namespace Avalanche.Beacons.Tracking;

public readonly record struct BeaconFix(string BeaconId, double Latitude, double Longitude, double SignalDb);

/// <summary>
/// Keeps the latest known position of every transmitting beacon during a search.
/// Receivers write fixes from many threads; the tracking loop also answers
/// dashboard queries that come in through the same inbox.
/// </summary>
public sealed class BeaconTracker
{
    private abstract record Message;
    private sealed record FixMessage(BeaconFix Fix) : Message;
    private sealed record QueryMessage(TaskCompletionSource<IReadOnlyList<BeaconFix>> Reply) : Message;

    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly Dictionary<string, BeaconFix> _latest = new();

    public ValueTask ReportAsync(BeaconFix fix, CancellationToken ct = default) =>
        _inbox.Writer.WriteAsync(new FixMessage(fix), ct);

    public async Task<IReadOnlyList<BeaconFix>> SnapshotAsync(CancellationToken ct = default)
    {
        var reply = new TaskCompletionSource<IReadOnlyList<BeaconFix>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(new QueryMessage(reply), ct);
        return await reply.Task.WaitAsync(ct);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync(ct))
        {
            switch (message)
            {
                case FixMessage { Fix: var fix }:
                    if (!_latest.TryGetValue(fix.BeaconId, out var previous) || fix.SignalDb >= previous.SignalDb - 6)
                    {
                        _latest[fix.BeaconId] = fix;
                    }
                    break;

                case QueryMessage { Reply: var reply }:
                    reply.TrySetResult(_latest.Values.OrderByDescending(f => f.SignalDb).ToList());
                    break;
            }
        }
    }

    public void Complete() => _inbox.Writer.TryComplete();
}
