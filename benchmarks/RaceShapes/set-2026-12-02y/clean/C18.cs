namespace Perfumery.AccordTrials;

public sealed record Blotter(string Accord, int Panelist, double Intensity, double Longevity, double Liking);

public sealed record AccordScore(string Accord, int Ratings, double MeanIntensity, double MeanLiking);

/// <summary>
/// Scores accord trials from panel blotter ratings. Large panels are scored in
/// parallel with per-worker partial sums merged at the end.
/// </summary>
public static class AccordScoring
{
    private sealed class Partial
    {
        public readonly Dictionary<string, (int N, double Intensity, double Liking)> ByAccord = new(StringComparer.Ordinal);
    }

    public static IReadOnlyList<AccordScore> Score(IReadOnlyList<Blotter> blotters)
    {
        var merged = new Dictionary<string, (int N, double Intensity, double Liking)>(StringComparer.Ordinal);
        var mergeGate = new object();

        Parallel.For(0, blotters.Count,
            localInit: () => new Partial(),
            body: (i, _, partial) =>
            {
                var b = blotters[i];
                partial.ByAccord.TryGetValue(b.Accord, out var acc);
                partial.ByAccord[b.Accord] = (acc.N + 1, acc.Intensity + b.Intensity, acc.Liking + b.Liking);
                return partial;
            },
            localFinally: partial =>
            {
                lock (mergeGate)
                {
                    foreach (var (accord, p) in partial.ByAccord)
                    {
                        merged.TryGetValue(accord, out var m);
                        merged[accord] = (m.N + p.N, m.Intensity + p.Intensity, m.Liking + p.Liking);
                    }
                }
            });

        return merged
            .Select(kv => new AccordScore(kv.Key, kv.Value.N, kv.Value.Intensity / kv.Value.N, kv.Value.Liking / kv.Value.N))
            .OrderByDescending(s => s.MeanLiking)
            .ToList();
    }

    public static long TotalRatingsAbove(IReadOnlyList<Blotter> blotters, double likingThreshold)
    {
        long total = 0;
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, blotters.Count, 256),
            range =>
            {
                long local = 0;
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    if (blotters[i].Liking > likingThreshold) local++;
                }
                Interlocked.Add(ref total, local);
            });
        return total;
    }
}
