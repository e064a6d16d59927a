using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind63.ReindeerHerding.Tracking;

public sealed record CollarFix(string CollarId, double Latitude, double Longitude, DateTimeOffset At);

public sealed record HerdPosition(string CollarId, double Latitude, double Longitude, DateTimeOffset LastFix, int FixCount);

/// <summary>
/// Receives GPS fixes from the collar gateway and keeps the latest known
/// position of every animal. Fixes arrive in bursts when the gateway
/// reconnects, so several readers drain the channel.
/// </summary>
public sealed class CollarFixProcessor : BackgroundService
{
    private readonly Channel<CollarFix> _fixes = Channel.CreateBounded<CollarFix>(
        new BoundedChannelOptions(10_000)
        {
            SingleReader = false,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.DropOldest
        });

    private readonly Dictionary<string, HerdPosition> _latest = new();
    private readonly int _readers;

    public CollarFixProcessor(int readers = 3)
    {
        _readers = readers;
    }

    public ChannelWriter<CollarFix> Writer => _fixes.Writer;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new Task[_readers];
        for (int i = 0; i < loops.Length; i++)
        {
            loops[i] = Task.Run(() => DrainAsync(stoppingToken), stoppingToken);
        }
        return Task.WhenAll(loops);
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        await foreach (var fix in _fixes.Reader.ReadAllAsync(ct))
        {
            if (_latest.TryGetValue(fix.CollarId, out var previous))
            {
                if (fix.At <= previous.LastFix)
                {
                    continue;
                }
                _latest[fix.CollarId] = previous with
                {
                    Latitude = fix.Latitude,
                    Longitude = fix.Longitude,
                    LastFix = fix.At,
                    FixCount = previous.FixCount + 1
                };
            }
            else
            {
                _latest[fix.CollarId] = new HerdPosition(fix.CollarId, fix.Latitude, fix.Longitude, fix.At, 1);
            }
        }
    }
}
