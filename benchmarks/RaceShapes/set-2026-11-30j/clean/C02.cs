using System.Collections.Concurrent;

namespace Blind10.Metrics.QueueLatency;

/// <summary>
/// Records how long messages waited in the queue before a consumer picked them up.
/// Consumers call <see cref="Record"/>; the exporter periodically drains the recorder.
/// </summary>
public sealed class WaitTimeRecorder
{
    private static readonly double[] Bounds = { 5, 10, 50, 100, 500, 1000, 5000, 30000 };

    private readonly long[] _buckets = new long[Bounds.Length + 1];
    private long _count;
    private long _sumMillis;
    private double _maxMillis;

    public void Record(TimeSpan waited)
    {
        double millis = waited.TotalMilliseconds;
        if (millis < 0)
        {
            millis = 0;
        }

        int index = Array.BinarySearch(Bounds, millis);
        Interlocked.Increment(ref _buckets[index >= 0 ? index : ~index]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMillis, (long)millis);

        double current = Volatile.Read(ref _maxMillis);
        while (millis > current)
        {
            double observed = Interlocked.CompareExchange(ref _maxMillis, millis, current);
            if (observed == current)
            {
                break;
            }
            current = observed;
        }
    }

    public double CurrentMax => Volatile.Read(ref _maxMillis);

    public WaitTimeSummary Drain()
    {
        var buckets = new long[_buckets.Length];
        for (int i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Interlocked.Exchange(ref _buckets[i], 0);
        }

        long count = Interlocked.Exchange(ref _count, 0);
        long sum = Interlocked.Exchange(ref _sumMillis, 0);
        double max = Interlocked.Exchange(ref _maxMillis, 0);
        return new WaitTimeSummary(Bounds, buckets, count, count == 0 ? 0 : (double)sum / count, max);
    }
}

public sealed record WaitTimeSummary(double[] Bounds, long[] Buckets, long Count, double MeanMillis, double MaxMillis);

public sealed class QueueMetrics
{
    private readonly ConcurrentDictionary<string, WaitTimeRecorder> _byQueue = new(StringComparer.Ordinal);

    public void OnMessageDequeued(string queueName, DateTimeOffset enqueuedAt) =>
        _byQueue.GetOrAdd(queueName, static _ => new WaitTimeRecorder()).Record(DateTimeOffset.UtcNow - enqueuedAt);

    public IReadOnlyDictionary<string, WaitTimeSummary> DrainAll() =>
        _byQueue.ToDictionary(p => p.Key, p => p.Value.Drain());
}
