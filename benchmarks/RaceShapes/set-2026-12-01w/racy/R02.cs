using System.Collections.Generic;

namespace Apiary.Scales.Tracking;

/// <summary>
/// Latest weight per hive as reported by the LoRa scale gateways.
/// Registered as a singleton; the ingestion endpoint and the admin endpoints
/// call into it concurrently.
/// </summary>
public sealed class HiveWeightRegistry
{
    private readonly Dictionary<string, HiveWeight> _weights = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _ingestLock = new();
    private readonly object _adminLock = new();

    public void Record(string hiveId, double kilograms, DateTimeOffset at)
    {
        lock (_ingestLock)
        {
            if (_weights.TryGetValue(hiveId, out var previous) && previous.At > at)
            {
                return; // out-of-order packet from a slow gateway
            }

            var delta = previous is null ? 0 : kilograms - previous.Kilograms;
            _weights[hiveId] = new HiveWeight(hiveId, kilograms, delta, at);
        }
    }

    public HiveWeight? Get(string hiveId)
    {
        lock (_ingestLock)
        {
            return _weights.TryGetValue(hiveId, out var w) ? w : null;
        }
    }

    /// <summary>Used by the beekeeper after a harvest to zero the daily delta.</summary>
    public void ResetAfterHarvest(string hiveId)
    {
        lock (_adminLock)
        {
            if (_weights.TryGetValue(hiveId, out var w))
            {
                _weights[hiveId] = w with { DailyDelta = 0 };
            }
        }
    }

    /// <summary>Used when a hive is retired or moved to another apiary.</summary>
    public bool Remove(string hiveId)
    {
        lock (_adminLock)
        {
            return _weights.Remove(hiveId);
        }
    }

    public IReadOnlyList<HiveWeight> Snapshot()
    {
        lock (_ingestLock)
        {
            return _weights.Values.OrderBy(w => w.HiveId).ToList();
        }
    }
}

public sealed record HiveWeight(string HiveId, double Kilograms, double DailyDelta, DateTimeOffset At);
