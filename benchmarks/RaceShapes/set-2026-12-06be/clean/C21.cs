using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind57.IceCreamVans.Tracking;

public sealed record VanPing(string VanId, double Latitude, double Longitude, DateTimeOffset At, bool ChimesOn);

/// <summary>
/// Tracks the last known position of every ice cream van. GPS pings are posted from the
/// ingestion endpoint on many threads; a single background reader folds them into the map and
/// publishes a read-only copy for the fleet map page.
/// </summary>
public sealed class VanPositionTracker : BackgroundService
{
    private readonly Channel<VanPing> _pings = Channel.CreateBounded<VanPing>(new BoundedChannelOptions(4096)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    private readonly Dictionary<string, VanPing> _latest = new(StringComparer.OrdinalIgnoreCase);
    private ImmutableDictionary<string, VanPing> _published = ImmutableDictionary<string, VanPing>.Empty;
    private long _accepted;

    public bool TryPost(VanPing ping) => _pings.Writer.TryWrite(ping);

    public IReadOnlyDictionary<string, VanPing> Positions => Volatile.Read(ref _published);

    public long Accepted => Interlocked.Read(ref _accepted);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var ping in _pings.Reader.ReadAllAsync(stoppingToken))
            {
                if (_latest.TryGetValue(ping.VanId, out var existing) && existing.At >= ping.At)
                {
                    continue;
                }

                _latest[ping.VanId] = ping;
                Interlocked.Increment(ref _accepted);

                // Publish once the burst has been drained rather than after every ping.
                if (_pings.Reader.Count == 0)
                {
                    Volatile.Write(ref _published, _latest.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _pings.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}

/// <summary>Finds the nearest van with its chimes on for the "where's the van?" page.</summary>
public sealed class NearestVanQuery
{
    private readonly VanPositionTracker _tracker;

    public NearestVanQuery(VanPositionTracker tracker) => _tracker = tracker;

    public VanPing? Nearest(double lat, double lon)
    {
        VanPing? best = null;
        double bestDistance = double.MaxValue;
        foreach (var ping in _tracker.Positions.Values)
        {
            if (!ping.ChimesOn) continue;
            double d = (ping.Latitude - lat) * (ping.Latitude - lat) + (ping.Longitude - lon) * (ping.Longitude - lon);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = ping;
            }
        }
        return best;
    }
}
