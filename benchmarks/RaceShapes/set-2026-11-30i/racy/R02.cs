using System.Diagnostics;

namespace Perfy.Metrics;

/// <summary>
/// Fixed-bucket latency histogram. Bucket boundaries are powers of two in
/// microseconds, which keeps the lookup cheap on the hot path.
/// </summary>
public sealed class LatencyHistogram
{
    private readonly long[] _buckets = new long[32];
    private long _count;
    private double _maxMicros;

    public void Record(TimeSpan elapsed)
    {
        double micros = elapsed.Ticks / (double)TimeSpan.TicksPerMicrosecond;
        int index = micros < 1 ? 0 : Math.Min(_buckets.Length - 1, (int)Math.Log2(micros) + 1);

        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);

        if (micros > _maxMicros)
        {
            _maxMicros = micros;
        }
    }

    public long Count => Interlocked.Read(ref _count);

    public long[] SnapshotBuckets()
    {
        var copy = new long[_buckets.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _buckets[i]);
        }
        return copy;
    }

    public double MaxMicros => _maxMicros;
}

/// <summary>
/// Small load generator used by the "bench" command: starts N worker threads
/// that each call the target delegate in a loop and record how long it took.
/// </summary>
public static class LoadRunner
{
    public static LatencyHistogram Run(Action target, int threadCount, int iterationsPerThread)
    {
        var histogram = new LatencyHistogram();
        var workers = new Thread[threadCount];

        for (int t = 0; t < threadCount; t++)
        {
            workers[t] = new Thread(() =>
            {
                var sw = new Stopwatch();
                for (int i = 0; i < iterationsPerThread; i++)
                {
                    sw.Restart();
                    target();
                    histogram.Record(sw.Elapsed);
                }
            })
            {
                IsBackground = true,
                Name = $"bench-worker-{t}",
            };
        }

        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return histogram;
    }

    public static void PrintSummary(LatencyHistogram histogram, TextWriter output)
    {
        output.WriteLine($"samples: {histogram.Count}");
        output.WriteLine($"max:     {histogram.MaxMicros:F1} us");

        var buckets = histogram.SnapshotBuckets();
        for (int i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] > 0)
            {
                output.WriteLine($"  < {Math.Pow(2, i),10:F0} us : {buckets[i]}");
            }
        }
    }
}
