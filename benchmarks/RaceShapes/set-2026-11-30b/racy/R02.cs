using System.Diagnostics;

namespace Blind2.R02;

/// <summary>
/// Fixed-bucket latency histogram. Recording has to stay cheap because it is
/// called once per operation by every load worker.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly double[] BucketBoundsMs = { 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500 };

    private readonly long[] _bucketCounts = new long[BucketBoundsMs.Length + 1];
    private long _count;
    private long _sumMicros;
    private double _maxMs;

    public void Record(TimeSpan elapsed)
    {
        double ms = elapsed.TotalMilliseconds;

        Interlocked.Increment(ref _bucketCounts[FindBucket(ms)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, (long)(ms * 1000));

        if (ms > _maxMs)
        {
            _maxMs = ms;
        }
    }

    public HistogramSnapshot Snapshot()
    {
        var buckets = new long[_bucketCounts.Length];
        for (int i = 0; i < buckets.Length; i++)
            buckets[i] = Interlocked.Read(ref _bucketCounts[i]);

        long count = Interlocked.Read(ref _count);
        double meanMs = count == 0 ? 0 : Interlocked.Read(ref _sumMicros) / 1000.0 / count;
        return new HistogramSnapshot(count, meanMs, _maxMs, buckets);
    }

    private static int FindBucket(double ms)
    {
        for (int i = 0; i < BucketBoundsMs.Length; i++)
        {
            if (ms <= BucketBoundsMs[i])
                return i;
        }
        return BucketBoundsMs.Length;
    }
}

public sealed record HistogramSnapshot(long Count, double MeanMs, double MaxMs, long[] Buckets);

/// <summary>Drives an operation from several dedicated worker threads.</summary>
public static class LoadGenerator
{
    public static HistogramSnapshot Run(Func<Task> operation, int workers, int iterationsPerWorker)
    {
        var histogram = new LatencyHistogram();
        var threads = new Thread[workers];

        for (int i = 0; i < workers; i++)
        {
            threads[i] = new Thread(() =>
            {
                for (int n = 0; n < iterationsPerWorker; n++)
                {
                    var sw = Stopwatch.StartNew();
                    operation().GetAwaiter().GetResult();
                    histogram.Record(sw.Elapsed);
                }
            })
            {
                IsBackground = true,
                Name = $"load-worker-{i}",
            };
            threads[i].Start();
        }

        foreach (var thread in threads)
            thread.Join();

        return histogram.Snapshot();
    }
}
