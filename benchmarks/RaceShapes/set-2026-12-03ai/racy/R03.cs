using System.Collections.Immutable;

namespace Blind35.SaltPonds.Brine;

public sealed record PondReading(string PondId, DateTimeOffset TakenAt, double Salinity, double DepthCm);

/// <summary>
/// Latest brine reading per evaporation pond. Registered as an app-wide singleton; the
/// sensor gateway posts readings from many connections at once and the dashboard reads
/// the snapshot.
/// </summary>
public sealed class BrineReadingRegistry
{
    private ImmutableDictionary<string, PondReading> _latest =
        ImmutableDictionary<string, PondReading>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, PondReading> Snapshot => Volatile.Read(ref _latest);

    public void Post(PondReading reading)
    {
        var current = _latest;
        if (current.TryGetValue(reading.PondId, out var existing) && existing.TakenAt >= reading.TakenAt)
        {
            return;
        }

        _latest = current.SetItem(reading.PondId, reading);
    }

    public IEnumerable<PondReading> ReadyForHarvest(double salinityThreshold) =>
        Snapshot.Values.Where(r => r.Salinity >= salinityThreshold && r.DepthCm < 3.0);
}

/// <summary>Receives batches from the pond sensor gateway.</summary>
public sealed class SensorGatewayController
{
    private readonly BrineReadingRegistry _registry;

    public SensorGatewayController(BrineReadingRegistry registry) => _registry = registry;

    public async Task<int> PostBatchAsync(IAsyncEnumerable<PondReading> readings, CancellationToken ct)
    {
        var accepted = 0;
        await foreach (var reading in readings.WithCancellation(ct))
        {
            if (reading.Salinity is < 0 or > 400)
            {
                continue;
            }

            _registry.Post(reading);
            accepted++;
        }

        return accepted;
    }

    public IReadOnlyList<string> HarvestList(double threshold) =>
        _registry.ReadyForHarvest(threshold).Select(r => r.PondId).OrderBy(id => id).ToList();
}
