using System.Diagnostics;

namespace Telemetry.Recording;

/// <summary>
/// Request duration recorder used by the metrics middleware.
/// Every request records into the same instance; the exporter reads a
/// snapshot every few seconds.
/// </summary>
public sealed class DurationRecorder
{
    private static readonly double[] s_boundariesMs = { 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000 };

    private readonly long[] _counts = new long[s_boundariesMs.Length + 1];
    private long _total;
    private double _maxMs;
    private double _sumMs;

    public void Record(double milliseconds)
    {
        int bucket = Array.BinarySearch(s_boundariesMs, milliseconds);
        if (bucket < 0)
        {
            bucket = ~bucket;
        }

        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
        AddToSum(milliseconds);
        UpdateMax(milliseconds);
    }

    private void AddToSum(double value)
    {
        double current = Volatile.Read(ref _sumMs);
        while (true)
        {
            double observed = Interlocked.CompareExchange(ref _sumMs, current + value, current);
            if (observed.Equals(current))
            {
                return;
            }
            current = observed;
        }
    }

    private void UpdateMax(double value)
    {
        double current = Volatile.Read(ref _maxMs);
        while (value > current)
        {
            double observed = Interlocked.CompareExchange(ref _maxMs, value, current);
            if (observed.Equals(current))
            {
                return;
            }
            current = observed;
        }
    }

    public (long Total, double Max, double Mean, long[] Buckets) Snapshot()
    {
        var buckets = new long[_counts.Length];
        for (int i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Interlocked.Read(ref _counts[i]);
        }

        long total = Interlocked.Read(ref _total);
        double sum = Volatile.Read(ref _sumMs);
        double max = Volatile.Read(ref _maxMs);
        return (total, max, total == 0 ? 0 : sum / total, buckets);
    }
}

public static class RecorderSmokeTest
{
    public static void Run()
    {
        var recorder = new DurationRecorder();
        Parallel.For(0, 100_000, i =>
        {
            var sw = Stopwatch.StartNew();
            Thread.SpinWait(i % 200);
            recorder.Record(sw.Elapsed.TotalMilliseconds);
        });

        var (total, max, mean, _) = recorder.Snapshot();
        Console.WriteLine($"n={total} max={max:F3}ms mean={mean:F4}ms");
    }
}
