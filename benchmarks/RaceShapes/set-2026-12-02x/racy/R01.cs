using System.Collections.Concurrent;

namespace Blind24.TideGauges;

/// <summary>
/// Keeps the most recent water level observation for every tide gauge station.
/// Registered as an app-wide singleton; the ingestion worker and the public
/// query endpoints call into it concurrently.
/// </summary>
public sealed class StationLevelCache
{
    private readonly object _sync = new();
    private readonly Dictionary<string, WaterLevel> _latest = new(StringComparer.OrdinalIgnoreCase);
    private long _updates;

    public void Record(string stationId, double metres, DateTimeOffset observedAt)
    {
        lock (_sync)
        {
            if (_latest.TryGetValue(stationId, out var existing) && existing.ObservedAt >= observedAt)
            {
                return;
            }

            _latest[stationId] = new WaterLevel(stationId, metres, observedAt);
            _updates++;
        }
    }

    public bool TryGetLatest(string stationId, out WaterLevel? level)
    {
        return _latest.TryGetValue(stationId, out level);
    }

    public IReadOnlyList<WaterLevel> Snapshot()
    {
        lock (_sync)
        {
            return _latest.Values.OrderBy(l => l.StationId).ToList();
        }
    }

    public long UpdateCount
    {
        get { lock (_sync) { return _updates; } }
    }
}

public sealed record WaterLevel(string StationId, double Metres, DateTimeOffset ObservedAt);

/// <summary>Pulls raw telemetry batches from the gauge network and feeds the cache.</summary>
public sealed class TideFeedIngestor
{
    private readonly StationLevelCache _cache;
    private readonly ConcurrentQueue<string> _rejected = new();

    public TideFeedIngestor(StationLevelCache cache) => _cache = cache;

    public IEnumerable<string> Rejected => _rejected;

    public Task IngestAsync(IEnumerable<string> csvLines, CancellationToken ct)
    {
        return Parallel.ForEachAsync(csvLines, ct, (line, _) =>
        {
            var parts = line.Split(',');
            if (parts.Length != 3 || !double.TryParse(parts[1], out var metres)
                || !DateTimeOffset.TryParse(parts[2], out var at))
            {
                _rejected.Enqueue(line);
                return ValueTask.CompletedTask;
            }

            _cache.Record(parts[0].Trim(), metres, at);
            return ValueTask.CompletedTask;
        });
    }
}

/// <summary>Answers "what is the water doing at station X" for the public dashboard.</summary>
public sealed class TideQueryHandler
{
    private readonly StationLevelCache _cache;

    public TideQueryHandler(StationLevelCache cache) => _cache = cache;

    public string Describe(string stationId)
    {
        if (!_cache.TryGetLatest(stationId, out var level) || level is null)
        {
            return $"{stationId}: no data";
        }

        var age = DateTimeOffset.UtcNow - level.ObservedAt;
        return $"{stationId}: {level.Metres:F2} m ({age.TotalMinutes:F0} min ago)";
    }
}
