using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Quarry.Vibration;

public sealed record VibrationHistogram(double BucketWidthMmPerSec, long[] Counts, long Exceedances);

/// <summary>
/// Bins the seismograph traces recorded at the nearest houses after a blast, for the
/// council's peak-particle-velocity report.
/// </summary>
public static class BlastVibrationAnalyzer
{
    public static VibrationHistogram Analyze(
        IReadOnlyList<double[]> traces,
        double bucketWidth,
        int buckets,
        double limitMmPerSec)
    {
        using var perThreadCounts = new ThreadLocal<long[]>(() => new long[buckets], trackAllValues: true);
        long exceedances = 0;

        Parallel.For(0, traces.Count, i =>
        {
            var counts = perThreadCounts.Value!;
            long over = 0;
            foreach (var velocity in traces[i])
            {
                var magnitude = Math.Abs(velocity);
                var bucket = (int)Math.Min(buckets - 1, magnitude / bucketWidth);
                counts[bucket]++;
                if (magnitude > limitMmPerSec)
                    over++;
            }

            if (over > 0)
                Interlocked.Add(ref exceedances, over);
        });

        var totals = new long[buckets];
        foreach (var counts in perThreadCounts.Values)
        {
            for (int b = 0; b < buckets; b++)
                totals[b] += counts[b];
        }

        return new VibrationHistogram(bucketWidth, totals, exceedances);
    }
}
