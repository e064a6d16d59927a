namespace TideGauges.Metrics;

/// <summary>
/// Histogram of water-level readings in metres. A single instance is shared by all station
/// listeners, which call <see cref="Record"/> as readings arrive.
/// </summary>
public sealed class WaterLevelHistogram
{
    private readonly double[] _upperBounds;
    private readonly long[] _counts;
    private long _total;
    private double _sum;

    public WaterLevelHistogram(params double[] upperBounds)
    {
        _upperBounds = upperBounds.OrderBy(b => b).ToArray();
        _counts = new long[_upperBounds.Length + 1];
    }

    public void Record(double levelMetres)
    {
        int bucket = FindBucket(levelMetres);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
        _sum += levelMetres;
    }

    private int FindBucket(double value)
    {
        int idx = Array.BinarySearch(_upperBounds, value);
        return idx >= 0 ? idx : ~idx;
    }

    public HistogramSnapshot Snapshot()
    {
        var counts = new long[_counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
        }
        long total = Interlocked.Read(ref _total);
        double sum = Volatile.Read(ref _sum);
        return new HistogramSnapshot(_upperBounds, counts, total, total == 0 ? 0 : sum / total);
    }
}

public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBounds, IReadOnlyList<long> Counts, long Total, double Mean);

public sealed record GaugeReading(string StationId, DateTime TakenUtc, double LevelMetres);

/// <summary>Pulls the latest batch from each coastal station and feeds the shared histogram.</summary>
public sealed class StationIngest
{
    private readonly WaterLevelHistogram _histogram;
    private readonly Func<string, CancellationToken, Task<IReadOnlyList<GaugeReading>>> _fetchBatch;

    public StationIngest(WaterLevelHistogram histogram,
        Func<string, CancellationToken, Task<IReadOnlyList<GaugeReading>>> fetchBatch)
    {
        _histogram = histogram;
        _fetchBatch = fetchBatch;
    }

    public async Task IngestAsync(IEnumerable<string> stations, CancellationToken ct)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct };
        await Parallel.ForEachAsync(stations, options, async (station, token) =>
        {
            var batch = await _fetchBatch(station, token);
            foreach (var reading in batch)
            {
                _histogram.Record(reading.LevelMetres);
            }
        });
    }

    public string Describe()
    {
        var snap = _histogram.Snapshot();
        return $"{snap.Total} readings, mean {snap.Mean:F3} m";
    }
}
