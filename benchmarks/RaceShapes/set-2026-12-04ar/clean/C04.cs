namespace Blind44.CeramicsKilns.Firing;

public readonly record struct ThermocoupleSample(int Zone, double Seconds, double TempC);

public sealed record ZoneSummary(int Zone, double PeakC, double SecondsAboveCone6);

/// <summary>
/// Post-firing analysis of a kiln's thermocouple log. Runs on a worker after the kiln controller
/// uploads the log; parallelised over zones because the logs are large.
/// </summary>
public static class FiringAnalysis
{
    public const double Cone6C = 1222;

    public static IReadOnlyList<ZoneSummary> Summarise(IReadOnlyList<ThermocoupleSample> samples)
    {
        return samples
            .AsParallel()
            .GroupBy(s => s.Zone)
            .Select(g =>
            {
                var ordered = g.OrderBy(s => s.Seconds).ToArray();
                double above = 0;
                for (int i = 1; i < ordered.Length; i++)
                {
                    if (ordered[i].TempC >= Cone6C)
                        above += ordered[i].Seconds - ordered[i - 1].Seconds;
                }
                return new ZoneSummary(g.Key, ordered.Max(s => s.TempC), above);
            })
            .OrderBy(z => z.Zone)
            .ToList();
    }

    /// <summary>Counts samples in each 50-degree band, split across worker threads.</summary>
    public static long[] Histogram(IReadOnlyList<ThermocoupleSample> samples, int bands)
    {
        var totals = new long[bands];
        var totalsLock = new object();

        Parallel.For(0, samples.Count,
            () => new long[bands],
            (i, _, local) =>
            {
                var band = (int)(samples[i].TempC / 50);
                local[Math.Clamp(band, 0, bands - 1)]++;
                return local;
            },
            local =>
            {
                lock (totalsLock)
                {
                    for (int b = 0; b < bands; b++)
                        totals[b] += local[b];
                }
            });

        return totals;
    }

    /// <summary>Number of samples that show the kiln overshooting its target.</summary>
    public static int CountOvershoots(IReadOnlyList<ThermocoupleSample> samples, double targetC)
    {
        int overshoots = 0;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, samples.Count), range =>
        {
            int local = 0;
            for (int i = range.Item1; i < range.Item2; i++)
            {
                if (samples[i].TempC > targetC + 15)
                    local++;
            }
            Interlocked.Add(ref overshoots, local);
        });
        return overshoots;
    }
}
