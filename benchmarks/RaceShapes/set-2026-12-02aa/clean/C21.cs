namespace Blind27.Avalanche.Forecasts;

public sealed record SlopeObservation(string Aspect, int ElevationBand, double NewSnowCm, double WindSpeedKmh, bool WhumpfReported);

public sealed record ZoneHazard(string Zone, int DangerLevel, string Problem);

public interface ISnowpackModel
{
    Task<int> RateAsync(string zone, IReadOnlyList<SlopeObservation> observations, CancellationToken ct);
}

/// <summary>
/// Produces the morning avalanche bulletin, rating the forecast zones concurrently.
/// </summary>
public sealed class BulletinBuilder
{
    private readonly ISnowpackModel _model;

    public BulletinBuilder(ISnowpackModel model) => _model = model;

    public async Task<ZoneHazard[]> BuildAsync(
        IReadOnlyList<string> zones,
        IReadOnlyDictionary<string, IReadOnlyList<SlopeObservation>> observations,
        CancellationToken ct)
    {
        var hazards = new ZoneHazard[zones.Count];
        var tasks = new Task[zones.Count];

        for (var i = 0; i < zones.Count; i++)
        {
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var zone = zones[index];
                var obs = observations.TryGetValue(zone, out var o) ? o : Array.Empty<SlopeObservation>();
                var level = await _model.RateAsync(zone, obs, ct).ConfigureAwait(false);
                hazards[index] = new ZoneHazard(zone, level, DescribeProblem(obs));
            }, ct);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return hazards;
    }

    private static string DescribeProblem(IReadOnlyList<SlopeObservation> obs)
    {
        if (obs.Any(o => o.WhumpfReported))
        {
            return "Persistent slab";
        }

        if (obs.Any(o => o.WindSpeedKmh > 40 && o.NewSnowCm > 10))
        {
            return "Wind slab";
        }

        return obs.Sum(o => o.NewSnowCm) > 30 ? "Storm slab" : "None";
    }
}
