using System.Collections.Concurrent;

namespace Blind46.Hydroponics.Nutrients;

public sealed record TankSample(string TankId, string Nutrient, double Ppm);

public interface ITankProbeClient
{
    Task<IReadOnlyList<TankSample>> SampleAsync(string tankId, CancellationToken ct);
}

public sealed record NutrientReport(int TanksSampled, int OutOfRange, IReadOnlyDictionary<string, double> MeanPpm);

/// <summary>
/// Samples every grow tank in the greenhouse and averages nutrient levels per nutrient.
/// </summary>
public sealed class NutrientSurvey
{
    private readonly ITankProbeClient _probes;
    private readonly IReadOnlyDictionary<string, (double Min, double Max)> _ranges;

    public NutrientSurvey(ITankProbeClient probes, IReadOnlyDictionary<string, (double Min, double Max)> ranges)
    {
        _probes = probes;
        _ranges = ranges;
    }

    public async Task<NutrientReport> RunAsync(IEnumerable<string> tankIds, CancellationToken ct)
    {
        var sums = new ConcurrentDictionary<string, (double Sum, int Count)>(StringComparer.OrdinalIgnoreCase);
        int tanks = 0;
        int outOfRange = 0;

        await Parallel.ForEachAsync(
            tankIds,
            new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct },
            async (tankId, token) =>
            {
                var samples = await _probes.SampleAsync(tankId, token).ConfigureAwait(false);
                Interlocked.Increment(ref tanks);

                foreach (var sample in samples)
                {
                    sums.AddOrUpdate(
                        sample.Nutrient,
                        static (_, ppm) => (ppm, 1),
                        static (_, acc, ppm) => (acc.Sum + ppm, acc.Count + 1),
                        sample.Ppm);

                    if (_ranges.TryGetValue(sample.Nutrient, out var range) &&
                        (sample.Ppm < range.Min || sample.Ppm > range.Max))
                    {
                        Interlocked.Increment(ref outOfRange);
                    }
                }
            }).ConfigureAwait(false);

        var means = sums.ToDictionary(kv => kv.Key, kv => kv.Value.Sum / kv.Value.Count, StringComparer.OrdinalIgnoreCase);
        return new NutrientReport(tanks, outOfRange, means);
    }
}
