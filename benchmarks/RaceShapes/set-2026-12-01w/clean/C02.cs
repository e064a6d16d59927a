using System.Collections.Concurrent;

namespace Apiary.Scales.Ingest;

public sealed record HiveReading(string HiveId, double Kilograms, double DailyDelta, DateTimeOffset At);

/// <summary>
/// Latest weight per hive as reported by the scale gateways. Registered as a singleton;
/// gateway uploads and the apiary dashboard call into it concurrently.
/// </summary>
public sealed class HiveReadingStore
{
    private readonly ConcurrentDictionary<string, HiveReading> _latest = new(StringComparer.OrdinalIgnoreCase);

    public HiveReading Record(string hiveId, double kilograms, DateTimeOffset at)
    {
        return _latest.AddOrUpdate(
            hiveId,
            static (id, arg) => new HiveReading(id, arg.kilograms, 0, arg.at),
            static (id, previous, arg) =>
            {
                if (previous.At > arg.at)
                {
                    return previous; // out-of-order packet from a slow gateway
                }
                return new HiveReading(id, arg.kilograms, arg.kilograms - previous.Kilograms, arg.at);
            },
            (kilograms, at));
    }

    public HiveReading? Get(string hiveId) => _latest.TryGetValue(hiveId, out var r) ? r : null;

    public void ResetAfterHarvest(string hiveId)
    {
        while (_latest.TryGetValue(hiveId, out var current))
        {
            if (_latest.TryUpdate(hiveId, current with { DailyDelta = 0 }, current))
            {
                return;
            }
        }
    }

    public bool Remove(string hiveId) => _latest.TryRemove(hiveId, out _);

    public IReadOnlyList<HiveReading> Snapshot()
        => _latest.ToArray().Select(kv => kv.Value).OrderBy(r => r.HiveId).ToList();

    /// <summary>Hives whose weight dropped sharply, which usually means a swarm left.</summary>
    public IReadOnlyList<string> PossibleSwarms(double dropKg)
        => _latest.Values.Where(r => r.DailyDelta <= -dropKg).Select(r => r.HiveId).ToList();
}
