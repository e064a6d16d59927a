using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Recycling.SorterBelts;

public enum Material
{
    Pet,
    Hdpe,
    Aluminium,
    Cardboard,
    Residue,
}

/// <summary>
/// Counts items diverted by the optical sorter on one belt. The camera callback
/// fires on the vision SDK's worker threads for every item it classifies.
/// </summary>
public sealed class BeltThroughputCounter
{
    private readonly long[] _perMaterial = new long[Enum.GetValues<Material>().Length];
    private long _itemsThisInterval;

    public void OnItemClassified(Material material)
    {
        Interlocked.Increment(ref _perMaterial[(int)material]);
        Interlocked.Increment(ref _itemsThisInterval);
    }

    /// <summary>Returns the items seen since the last call and starts a new interval.</summary>
    public long TakeInterval()
    {
        var count = _itemsThisInterval;
        _itemsThisInterval = 0;
        return count;
    }

    public long Total(Material material) => Interlocked.Read(ref _perMaterial[(int)material]);
}

/// <summary>
/// Reports belt throughput to the plant historian once a minute.
/// </summary>
public sealed class ThroughputReporter : BackgroundService
{
    private readonly IReadOnlyDictionary<string, BeltThroughputCounter> _belts;
    private readonly ILogger<ThroughputReporter> _logger;

    public ThroughputReporter(IReadOnlyDictionary<string, BeltThroughputCounter> belts, ILogger<ThroughputReporter> logger)
    {
        _belts = belts;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (belt, counter) in _belts)
            {
                var items = counter.TakeInterval();
                _logger.LogInformation("Belt {Belt}: {Items} items/min, {Alu} aluminium total",
                    belt, items, counter.Total(Material.Aluminium));
            }
        }
    }
}
