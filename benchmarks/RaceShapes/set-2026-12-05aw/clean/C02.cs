using System.Runtime.InteropServices;

namespace TideGauges.Ingest;

/// <summary>
/// Counter of ingested gauge samples, split into cache-line sized shards so the ingest
/// threads do not contend on one location. Read by the metrics endpoint.
/// </summary>
public sealed class ShardedSampleCounter
{
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct PaddedLong
    {
        [FieldOffset(0)]
        public long Value;
    }

    private readonly PaddedLong[] _shards;

    public ShardedSampleCounter(int shardCount = 16)
    {
        int size = 1;
        while (size < shardCount)
        {
            size <<= 1;
        }
        _shards = new PaddedLong[size];
    }

    public void Increment(long by = 1)
    {
        int index = Environment.CurrentManagedThreadId & (_shards.Length - 1);
        Interlocked.Add(ref _shards[index].Value, by);
    }

    public long Read()
    {
        long sum = 0;
        for (int i = 0; i < _shards.Length; i++)
        {
            sum += Interlocked.Read(ref _shards[i].Value);
        }
        return sum;
    }
}

/// <summary>
/// Histogram of storm-surge heights in millimetres, plus the highest surge seen.
/// Updated by every ingest thread.
/// </summary>
public sealed class SurgeHistogram
{
    private static readonly int[] UpperBoundsMm = { 50, 100, 200, 400, 800, 1600 };
    private readonly long[] _buckets = new long[UpperBoundsMm.Length + 1];
    private long _maxMm;

    public void Record(long surgeMm)
    {
        int idx = Array.BinarySearch(UpperBoundsMm, (int)Math.Min(surgeMm, int.MaxValue));
        Interlocked.Increment(ref _buckets[idx >= 0 ? idx : ~idx]);

        long current = Interlocked.Read(ref _maxMm);
        while (surgeMm > current)
        {
            long seen = Interlocked.CompareExchange(ref _maxMm, surgeMm, current);
            if (seen == current)
            {
                break;
            }
            current = seen;
        }
    }

    public (long[] Buckets, long MaxMm) Snapshot()
    {
        var copy = new long[_buckets.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _buckets[i]);
        }
        return (copy, Interlocked.Read(ref _maxMm));
    }
}

public sealed class SurgeIngest
{
    private readonly ShardedSampleCounter _samples = new();
    private readonly SurgeHistogram _histogram = new();

    public void IngestAll(IEnumerable<IReadOnlyList<long>> stationBatches)
    {
        Parallel.ForEach(stationBatches, batch =>
        {
            foreach (long mm in batch)
            {
                _histogram.Record(mm);
            }
            _samples.Increment(batch.Count);
        });
    }

    public string Report()
    {
        var (buckets, max) = _histogram.Snapshot();
        return $"{_samples.Read()} samples, max surge {max} mm, buckets [{string.Join(",", buckets)}]";
    }
}
