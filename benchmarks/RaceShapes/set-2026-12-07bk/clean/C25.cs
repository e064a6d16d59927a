namespace Blind63.SandYachting.Handicaps;

public sealed record LapTime(string Helm, string YachtClass, double Seconds, double WindKnots);

/// <summary>
/// Monte-Carlo estimate of handicap factors for each sand-yacht class from
/// a season of lap times. Each worker keeps its own random generator and
/// accumulators; totals are combined once the loop has finished.
/// </summary>
public sealed class HandicapSimulator
{
    private readonly int _iterations;

    public HandicapSimulator(int iterations) => _iterations = iterations;

    private sealed class Accumulator
    {
        public readonly Dictionary<string, (double Sum, int N)> PerClass = new();
    }

    public IReadOnlyDictionary<string, double> Estimate(IReadOnlyList<LapTime> laps, int seed)
    {
        if (laps.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        int nextSeed = seed;
        using var random = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref nextSeed)));
        using var accumulators = new ThreadLocal<Accumulator>(() => new Accumulator(), trackAllValues: true);

        Parallel.For(0, _iterations, _ =>
        {
            var rng = random.Value!;
            var acc = accumulators.Value!;

            var lap = laps[rng.Next(laps.Count)];
            double windFactor = 1.0 + (lap.WindKnots - 20.0) * 0.01 * (rng.NextDouble() - 0.5);
            double normalised = lap.Seconds * windFactor;

            acc.PerClass[lap.YachtClass] = acc.PerClass.TryGetValue(lap.YachtClass, out var cur)
                ? (cur.Sum + normalised, cur.N + 1)
                : (normalised, 1);
        });

        var combined = new Dictionary<string, (double Sum, int N)>();
        foreach (var acc in accumulators.Values)
        {
            foreach (var (cls, (sum, n)) in acc.PerClass)
            {
                combined[cls] = combined.TryGetValue(cls, out var cur) ? (cur.Sum + sum, cur.N + n) : (sum, n);
            }
        }

        double fastest = combined.Values.Min(v => v.Sum / v.N);
        return combined.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value.Sum / kv.Value.N / fastest, 4));
    }
}
