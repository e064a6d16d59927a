using System.Collections.Concurrent;

namespace Blind28.HopFarm.Kilns;

public sealed record KilnLoad(int Kiln, string Variety, double GreenKilograms, double MoisturePercent);

public sealed record DryingSummary(int Loads, double GreenKilograms, IReadOnlyDictionary<string, double> DryKilogramsByVariety);

/// <summary>
/// Collects loads from the picking machine feeds and works out dried weights for the
/// kiln log. Feeds push loads from their own threads; one consumer keeps the totals.
/// </summary>
public sealed class KilnLog : IDisposable
{
    private const double TargetMoisture = 9.0;

    private readonly BlockingCollection<KilnLoad> _loads = new(boundedCapacity: 200);
    private readonly Task<DryingSummary> _consumer;

    public KilnLog()
    {
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void Add(KilnLoad load) => _loads.Add(load);

    public async Task<DryingSummary> CloseAsync()
    {
        _loads.CompleteAdding();
        return await _consumer.ConfigureAwait(false);
    }

    private DryingSummary Consume()
    {
        var loads = 0;
        double green = 0;
        var dry = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

        foreach (var load in _loads.GetConsumingEnumerable())
        {
            loads++;
            green += load.GreenKilograms;
            var dryKg = load.GreenKilograms * (100 - load.MoisturePercent) / (100 - TargetMoisture);
            dry[load.Variety] = dry.GetValueOrDefault(load.Variety) + dryKg;
        }

        return new DryingSummary(loads, green, dry);
    }

    public void Dispose() => _loads.Dispose();
}

public sealed class PickingMachineFeed
{
    private readonly KilnLog _log;

    public PickingMachineFeed(KilnLog log) => _log = log;

    public Task RunAsync(int machine, IEnumerable<(string Variety, double Kg, double Moisture)> bines, CancellationToken ct)
    {
        return Task.Run(() =>
        {
            var kiln = machine % 4;
            foreach (var (variety, kg, moisture) in bines)
            {
                ct.ThrowIfCancellationRequested();
                _log.Add(new KilnLoad(kiln, variety, kg, moisture));
            }
        }, ct);
    }
}
