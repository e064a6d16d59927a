namespace Blind26.KelpFarm.Metrics;

public sealed record HarvestHistogramSample(long[] BucketCounts, long Count, long SumKg, long Rejected);

/// <summary>
/// Histogram of harvested kelp bundle weights. One instance is registered for the whole
/// processing plant; every weighing station records into it and the exporter collects it.
/// </summary>
public sealed class BundleWeightHistogram
{
    private static readonly int[] UpperBoundsKg = { 5, 10, 20, 40, 80 };

    private readonly long[] _buckets = new long[UpperBoundsKg.Length + 1];
    private long _count;
    private long _sumKg;
    private long _rejected;

    public void Record(int weightKg)
    {
        if (weightKg <= 0)
        {
            Interlocked.Increment(ref _rejected);
            return;
        }

        int bucket = Array.BinarySearch(UpperBoundsKg, weightKg);
        if (bucket < 0)
        {
            bucket = ~bucket;
        }

        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumKg, weightKg);
    }

    /// <summary>Returns counts since the last collection and starts a new interval.</summary>
    public HarvestHistogramSample Collect()
    {
        var counts = new long[_buckets.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Exchange(ref _buckets[i], 0);
        }

        return new HarvestHistogramSample(
            counts,
            Interlocked.Exchange(ref _count, 0),
            Interlocked.Exchange(ref _sumKg, 0),
            Interlocked.Exchange(ref _rejected, 0));
    }

    public static IReadOnlyList<string> BucketLabels() =>
        UpperBoundsKg.Select(b => $"le_{b}").Append("le_inf").ToList();
}

/// <summary>Weighing station on the processing line.</summary>
public sealed class WeighingStation
{
    private readonly BundleWeightHistogram _histogram;

    public WeighingStation(BundleWeightHistogram histogram) => _histogram = histogram;

    public Task RunAsync(IAsyncEnumerable<int> scaleReadings, CancellationToken ct) => Task.Run(async () =>
    {
        await foreach (int kg in scaleReadings.WithCancellation(ct).ConfigureAwait(false))
        {
            _histogram.Record(kg);
        }
    }, ct);
}

/// <summary>Scrape-style exporter: collects on each call from the metrics endpoint.</summary>
public sealed class HarvestMetricsExporter
{
    private readonly BundleWeightHistogram _histogram;

    public HarvestMetricsExporter(BundleWeightHistogram histogram) => _histogram = histogram;

    public string Scrape()
    {
        var sample = _histogram.Collect();
        var labels = BundleWeightHistogram.BucketLabels();
        var lines = labels.Select((l, i) => $"kelp_bundle_kg_bucket{{{l}}} {sample.BucketCounts[i]}");
        return string.Join('\n', lines.Append($"kelp_bundle_kg_count {sample.Count}")
            .Append($"kelp_bundle_kg_sum {sample.SumKg}")
            .Append($"kelp_bundle_rejected {sample.Rejected}"));
    }
}
