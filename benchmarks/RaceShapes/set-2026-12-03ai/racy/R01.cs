using Microsoft.Extensions.Logging;

namespace Blind35.Apiary.Inspections;

public sealed record HiveInspection(
    string HiveId,
    DateTime InspectedAt,
    int FramesOfBrood,
    bool QueenSeen,
    string Inspector);

/// <summary>
/// Keeps the inspection history for every hive in the apiary. Registered as a singleton;
/// the inspection endpoints and the weekly summary job call it concurrently.
/// </summary>
public sealed class InspectionLog
{
    private readonly object _sync = new();
    private readonly Dictionary<string, List<HiveInspection>> _byHive =
        new(StringComparer.OrdinalIgnoreCase);

    public void Record(HiveInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);

        lock (_sync)
        {
            if (!_byHive.TryGetValue(inspection.HiveId, out var list))
            {
                list = new List<HiveInspection>();
                _byHive[inspection.HiveId] = list;
            }

            list.Add(inspection);
        }
    }

    public IReadOnlyList<HiveInspection> ForHive(string hiveId)
    {
        lock (_sync)
        {
            return _byHive.TryGetValue(hiveId, out var list)
                ? list.ToArray()
                : Array.Empty<HiveInspection>();
        }
    }

    /// <summary>Most recent inspection for the hive, used by the hive card on the dashboard.</summary>
    public HiveInspection? Latest(string hiveId)
    {
        if (_byHive.TryGetValue(hiveId, out var list) && list.Count > 0)
        {
            return list[^1];
        }

        return null;
    }

    public IReadOnlyList<string> HivesWithoutQueen()
    {
        lock (_sync)
        {
            return _byHive
                .Where(kv => kv.Value.Count > 0 && !kv.Value[^1].QueenSeen)
                .Select(kv => kv.Key)
                .ToList();
        }
    }
}

/// <summary>Endpoint handlers for beekeepers submitting inspections from the field app.</summary>
public sealed class InspectionEndpoints
{
    private readonly InspectionLog _log;
    private readonly ILogger<InspectionEndpoints> _logger;

    public InspectionEndpoints(InspectionLog log, ILogger<InspectionEndpoints> logger)
    {
        _log = log;
        _logger = logger;
    }

    public Task<int> SubmitAsync(HiveInspection inspection)
    {
        _log.Record(inspection);
        _logger.LogInformation("Inspection of {Hive} by {Inspector}", inspection.HiveId, inspection.Inspector);
        return Task.FromResult(201);
    }

    public Task<object?> HiveCardAsync(string hiveId)
    {
        var latest = _log.Latest(hiveId);
        object? card = latest is null
            ? null
            : new { latest.HiveId, latest.InspectedAt, latest.FramesOfBrood, latest.QueenSeen };
        return Task.FromResult(card);
    }
}
