namespace Blind51.AvalancheForecasting.Snowpack;

public sealed record SnowpitObservation(string Zone, int ElevationM, string Aspect, int CompressionTaps, bool Propagated, double WeakLayerDepthCm);

public sealed record ZoneStability(string Zone, int Pits, double MeanTaps, double PropagationShare, int SuggestedDangerLevel);

/// <summary>
/// Turns the day's snowpit observations into per-zone stability figures for the morning
/// avalanche bulletin.
/// </summary>
public static class SnowpackStabilityAnalyser
{
    private sealed class Accumulator
    {
        public int Pits;
        public long Taps;
        public int Propagated;

        public Accumulator Add(SnowpitObservation o)
        {
            Pits++;
            Taps += o.CompressionTaps;
            if (o.Propagated) Propagated++;
            return this;
        }

        public static Accumulator Combine(Accumulator a, Accumulator b) =>
            new() { Pits = a.Pits + b.Pits, Taps = a.Taps + b.Taps, Propagated = a.Propagated + b.Propagated };
    }

    public static IReadOnlyList<ZoneStability> Analyse(IEnumerable<SnowpitObservation> observations, CancellationToken cancellationToken)
    {
        var byZone = observations
            .AsParallel()
            .WithCancellation(cancellationToken)
            .Aggregate(
                () => new Dictionary<string, Accumulator>(StringComparer.OrdinalIgnoreCase),
                (partition, o) =>
                {
                    if (!partition.TryGetValue(o.Zone, out var acc))
                        partition[o.Zone] = acc = new Accumulator();
                    acc.Add(o);
                    return partition;
                },
                (left, right) =>
                {
                    var merged = new Dictionary<string, Accumulator>(left, StringComparer.OrdinalIgnoreCase);
                    foreach (var (zone, acc) in right)
                        merged[zone] = merged.TryGetValue(zone, out var existing) ? Accumulator.Combine(existing, acc) : acc;
                    return merged;
                },
                result => result);

        return byZone
            .Select(kv =>
            {
                var totals = kv.Value;
                double meanTaps = totals.Pits == 0 ? 0 : (double)totals.Taps / totals.Pits;
                double share = totals.Pits == 0 ? 0 : (double)totals.Propagated / totals.Pits;
                return new ZoneStability(kv.Key, totals.Pits, meanTaps, share, DangerLevel(meanTaps, share));
            })
            .OrderBy(z => z.Zone)
            .ToList();
    }

    private static int DangerLevel(double meanTaps, double propagationShare) => (meanTaps, propagationShare) switch
    {
        (< 11, > 0.5) => 4,
        (< 11, _) => 3,
        (< 21, > 0.3) => 3,
        (< 21, _) => 2,
        _ => 1,
    };

    public static string BulletinLine(ZoneStability z) =>
        $"{z.Zone}: danger {z.SuggestedDangerLevel} ({z.Pits} pits, mean CT{z.MeanTaps:F0}, {z.PropagationShare:P0} propagating)";
}
