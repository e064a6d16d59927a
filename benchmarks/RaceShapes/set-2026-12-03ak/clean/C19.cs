using System.Collections.Concurrent;

namespace Blind37.DryStoneWalling.Deliveries;

public readonly record struct StoneDelivery(string Section, string StoneType, double Tonnes, string Haulier);

/// <summary>
/// Tallies stone deliveries to each section of a walling job as the hauliers' tablets
/// report drops. Any number of threads may report; a single consumer thread owns the
/// tallies until the day is closed.
/// </summary>
public sealed class DeliveryTally : IDisposable
{
    private readonly BlockingCollection<StoneDelivery> _inbox = new(boundedCapacity: 1000);
    private readonly Dictionary<(string Section, string StoneType), double> _tonnes = new();
    private readonly Dictionary<string, int> _dropsByHaulier = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _consumer;

    public DeliveryTally()
    {
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public bool Report(StoneDelivery delivery)
    {
        try
        {
            _inbox.Add(delivery);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Day already closed.
            return false;
        }
    }

    private void Consume()
    {
        foreach (var delivery in _inbox.GetConsumingEnumerable())
        {
            var key = (delivery.Section, delivery.StoneType);
            _tonnes[key] = _tonnes.GetValueOrDefault(key) + delivery.Tonnes;
            _dropsByHaulier[delivery.Haulier] = _dropsByHaulier.GetValueOrDefault(delivery.Haulier) + 1;
        }
    }

    /// <summary>Stops taking reports and returns the day's totals once every queued drop has been counted.</summary>
    public async Task<DaySummary> CloseDayAsync()
    {
        _inbox.CompleteAdding();
        await _consumer.ConfigureAwait(false);

        return new DaySummary(
            _tonnes.Select(p => (p.Key.Section, p.Key.StoneType, p.Value)).OrderBy(t => t.Section).ToArray(),
            new Dictionary<string, int>(_dropsByHaulier));
    }

    public void Dispose() => _inbox.Dispose();
}

public sealed record DaySummary(
    IReadOnlyList<(string Section, string StoneType, double Tonnes)> Tonnes,
    IReadOnlyDictionary<string, int> DropsByHaulier);

/// <summary>Estimates how far the wall can go with what has been delivered.</summary>
public static class WallProgressEstimator
{
    // A metre of 1.4 m high dry stone wall takes about a tonne of stone.
    private const double TonnesPerMetre = 1.0;

    public static IReadOnlyDictionary<string, double> MetresBuildable(DaySummary summary) =>
        summary.Tonnes
            .GroupBy(t => t.Section)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Tonnes) / TonnesPerMetre);
}
