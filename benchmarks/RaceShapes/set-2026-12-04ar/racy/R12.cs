using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Blind44.IcebreakerFleet.Tracking;

public readonly record struct PositionFix(string Callsign, double Latitude, double Longitude, DateTime FixUtc);

public interface IAisFeed
{
    Task<IReadOnlyList<PositionFix>> PollAsync(CancellationToken ct);
}

/// <summary>Last known position of one icebreaker.</summary>
public sealed class ShipTrack
{
    public double Latitude;
    public double Longitude;
    public DateTime FixUtc;
}

/// <summary>
/// Singleton holding the fleet's last known positions. Updated by <see cref="AisPollingService"/>
/// and read by the convoy-planning endpoints.
/// </summary>
public sealed class FleetPositionStore
{
    private readonly ConcurrentDictionary<string, ShipTrack> _tracks = new();

    public void Apply(PositionFix fix)
    {
        var track = _tracks.GetOrAdd(fix.Callsign, _ => new ShipTrack());
        track.Latitude = fix.Latitude;
        track.Longitude = fix.Longitude;
        track.FixUtc = fix.FixUtc;
    }

    public PositionFix? Get(string callsign)
    {
        if (!_tracks.TryGetValue(callsign, out var track))
            return null;
        return new PositionFix(callsign, track.Latitude, track.Longitude, track.FixUtc);
    }

    public IEnumerable<string> Callsigns => _tracks.Keys;
}

/// <summary>Polls the AIS receiver every ten seconds.</summary>
public sealed class AisPollingService : BackgroundService
{
    private readonly IAisFeed _feed;
    private readonly FleetPositionStore _store;

    public AisPollingService(IAisFeed feed, FleetPositionStore store)
    {
        _feed = feed;
        _store = store;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var fixes = await _feed.PollAsync(stoppingToken);
            foreach (var fix in fixes)
                _store.Apply(fix);
        }
    }
}

/// <summary>Convoy-planning handler: which icebreaker is closest to a waiting merchant ship.</summary>
public sealed class ConvoyPlanner
{
    private readonly FleetPositionStore _store;

    public ConvoyPlanner(FleetPositionStore store) => _store = store;

    public string? NearestBreaker(double lat, double lon)
    {
        string? best = null;
        double bestDistance = double.MaxValue;
        foreach (var callsign in _store.Callsigns)
        {
            if (_store.Get(callsign) is not { } fix)
                continue;
            var d = Math.Pow(fix.Latitude - lat, 2) + Math.Pow((fix.Longitude - lon) * Math.Cos(lat * Math.PI / 180), 2);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = callsign;
            }
        }
        return best;
    }
}
