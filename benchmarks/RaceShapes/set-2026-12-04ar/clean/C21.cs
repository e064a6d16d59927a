using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind44.IcebreakerFleet.Positions;

/// <summary>One AIS position report.</summary>
public sealed record VesselFix(string Callsign, double Latitude, double Longitude, double SpeedKnots, DateTime FixUtc);

public interface IAisReceiver
{
    Task<IReadOnlyList<VesselFix>> PollAsync(CancellationToken ct);
}

/// <summary>
/// Singleton with the latest fix for each icebreaker. Written by <see cref="AisIngestService"/>,
/// read by the convoy-planning endpoints.
/// </summary>
public sealed class FleetPositions
{
    private readonly ConcurrentDictionary<string, VesselFix> _latest = new(StringComparer.OrdinalIgnoreCase);

    public void Apply(VesselFix fix) =>
        _latest.AddOrUpdate(fix.Callsign, fix, (_, existing) => fix.FixUtc >= existing.FixUtc ? fix : existing);

    public VesselFix? Get(string callsign) => _latest.TryGetValue(callsign, out var fix) ? fix : null;

    public IReadOnlyCollection<VesselFix> All() => _latest.Values.ToArray();
}

/// <summary>Polls the shore AIS receiver on a fixed cadence.</summary>
public sealed class AisIngestService : BackgroundService
{
    private readonly IAisReceiver _receiver;
    private readonly FleetPositions _positions;
    private readonly ILogger<AisIngestService> _logger;
    private long _pollsCompleted;

    public AisIngestService(IAisReceiver receiver, FleetPositions positions, ILogger<AisIngestService> logger)
    {
        _receiver = receiver;
        _positions = positions;
        _logger = logger;
    }

    public long PollsCompleted => Interlocked.Read(ref _pollsCompleted);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            try
            {
                foreach (var fix in await _receiver.PollAsync(stoppingToken))
                    _positions.Apply(fix);
                Interlocked.Increment(ref _pollsCompleted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "AIS poll failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Convoy planning: pick the icebreaker to escort a waiting merchant vessel.</summary>
public sealed class EscortPlanner
{
    private readonly FleetPositions _positions;

    public EscortPlanner(FleetPositions positions) => _positions = positions;

    public VesselFix? Nearest(double lat, double lon, TimeSpan maxAge)
    {
        var cutoff = DateTime.UtcNow - maxAge;
        VesselFix? best = null;
        double bestDistance = double.MaxValue;
        foreach (var fix in _positions.All())
        {
            if (fix.FixUtc < cutoff)
                continue;
            var dLat = fix.Latitude - lat;
            var dLon = (fix.Longitude - lon) * Math.Cos(lat * Math.PI / 180);
            var d = dLat * dLat + dLon * dLon;
            if (d < bestDistance)
            {
                bestDistance = d;
                best = fix;
            }
        }
        return best;
    }
}
