using Microsoft.Extensions.Logging;

namespace Blind35.Apiary.Varroa;

public sealed record MiteCount(string HiveId, DateOnly Day, int Mites, int BeesSampled);

/// <summary>
/// Varroa mite counts from alcohol-wash samples, per hive. Registered as a singleton; the
/// field app posts counts and the treatment planner reads them from many requests at once.
/// </summary>
public sealed class VarroaCountBoard
{
    private readonly object _sync = new();
    private readonly Dictionary<string, List<MiteCount>> _byHive = new(StringComparer.OrdinalIgnoreCase);

    public event Action<MiteCount>? ThresholdExceeded;

    public double TreatmentThresholdPercent { get; init; } = 3.0;

    public void Post(MiteCount count)
    {
        bool exceeded;
        lock (_sync)
        {
            if (!_byHive.TryGetValue(count.HiveId, out var list))
            {
                list = new List<MiteCount>();
                _byHive.Add(count.HiveId, list);
            }

            list.Add(count);
            exceeded = InfestationPercent(count) >= TreatmentThresholdPercent;
        }

        if (exceeded)
        {
            ThresholdExceeded?.Invoke(count);
        }
    }

    public MiteCount? Latest(string hiveId)
    {
        lock (_sync)
        {
            return _byHive.TryGetValue(hiveId, out var list) && list.Count > 0 ? list[^1] : null;
        }
    }

    public IReadOnlyList<MiteCount> History(string hiveId)
    {
        lock (_sync)
        {
            return _byHive.TryGetValue(hiveId, out var list) ? list.ToArray() : Array.Empty<MiteCount>();
        }
    }

    public IReadOnlyList<string> HivesNeedingTreatment()
    {
        lock (_sync)
        {
            return _byHive
                .Where(kv => kv.Value.Count > 0 && InfestationPercent(kv.Value[^1]) >= TreatmentThresholdPercent)
                .Select(kv => kv.Key)
                .ToList();
        }
    }

    private static double InfestationPercent(MiteCount c) =>
        c.BeesSampled == 0 ? 0 : 100.0 * c.Mites / c.BeesSampled;
}

public sealed class TreatmentNotifier
{
    private readonly ILogger<TreatmentNotifier> _logger;

    public TreatmentNotifier(VarroaCountBoard board, ILogger<TreatmentNotifier> logger)
    {
        _logger = logger;
        board.ThresholdExceeded += OnThresholdExceeded;
    }

    private void OnThresholdExceeded(MiteCount count) =>
        _logger.LogWarning("Hive {Hive} needs treatment: {Mites} mites in {Bees} bees",
            count.HiveId, count.Mites, count.BeesSampled);
}
