using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Harbor.Lighthouse.LampHealth;

public sealed record LampStatus(string StationId, int BulbFailures, DateTimeOffset LastFailureAt, bool OnStandbyLamp);

/// <summary>
/// Tracks lamp failures per lighthouse station. Registered as an app-wide singleton;
/// station controllers report failures and the dashboard reads status concurrently.
/// </summary>
public sealed class LampHealthRegistry
{
    private readonly ConcurrentDictionary<string, LampStatus> _status = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger<LampHealthRegistry> _logger;

    public LampHealthRegistry(ILogger<LampHealthRegistry> logger) => _logger = logger;

    public LampStatus ReportFailure(string stationId)
    {
        var now = DateTimeOffset.UtcNow;
        var updated = _status.AddOrUpdate(
            stationId,
            id => new LampStatus(id, 1, now, OnStandbyLamp: true),
            (_, old) => old with { BulbFailures = old.BulbFailures + 1, LastFailureAt = now, OnStandbyLamp = true });

        _logger.LogWarning("Station {Station} switched to standby lamp ({Failures} failures)", stationId, updated.BulbFailures);
        return updated;
    }

    public void ReportBulbReplaced(string stationId)
    {
        while (_status.TryGetValue(stationId, out var old))
        {
            if (_status.TryUpdate(stationId, old with { OnStandbyLamp = false }, old))
            {
                return;
            }
        }
    }

    public LampStatus? Find(string stationId) => _status.TryGetValue(stationId, out var s) ? s : null;

    public IReadOnlyList<LampStatus> OnStandby()
    {
        return _status.Values.Where(s => s.OnStandbyLamp).OrderBy(s => s.StationId).ToList();
    }
}

/// <summary>
/// Receives heartbeat frames from the station controllers.
/// </summary>
public sealed class StationHeartbeatHandler
{
    private readonly LampHealthRegistry _registry;

    public StationHeartbeatHandler(LampHealthRegistry registry) => _registry = registry;

    public Task HandleAsync(IEnumerable<(string StationId, bool PrimaryLampOk)> frames, CancellationToken ct)
    {
        return Parallel.ForEachAsync(frames, ct, (frame, _) =>
        {
            if (!frame.PrimaryLampOk)
            {
                _registry.ReportFailure(frame.StationId);
            }
            return ValueTask.CompletedTask;
        });
    }
}
