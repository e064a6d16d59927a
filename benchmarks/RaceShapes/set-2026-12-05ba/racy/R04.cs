namespace Blind53.MarathonTiming.Metrics;

public sealed record HistogramSnapshot(double[] UpperBounds, long[] Counts, long Total, double SumSeconds);

/// <summary>
/// Histogram of split times seen at one checkpoint. Every chip-mat reader at the
/// checkpoint calls <see cref="Record"/> from its own receive loop, and the exporter
/// reads a snapshot periodically.
/// </summary>
public sealed class SplitTimeHistogram
{
    private readonly double[] _upperBounds;
    private readonly long[] _counts;
    private long _total;
    private double _sumSeconds;

    public SplitTimeHistogram(double[] upperBoundsSeconds)
    {
        _upperBounds = (double[])upperBoundsSeconds.Clone();
        Array.Sort(_upperBounds);
        _counts = new long[_upperBounds.Length + 1];
    }

    public string Checkpoint { get; init; } = "";

    public void Record(TimeSpan split)
    {
        double seconds = split.TotalSeconds;
        int index = Array.BinarySearch(_upperBounds, seconds);
        if (index < 0)
        {
            index = ~index;
        }

        Interlocked.Increment(ref _counts[index]);
        Interlocked.Increment(ref _total);
        _sumSeconds += seconds;
    }

    public HistogramSnapshot Snapshot()
    {
        var counts = new long[_counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _counts[i]);
        }

        return new HistogramSnapshot(_upperBounds, counts, Interlocked.Read(ref _total), Volatile.Read(ref _sumSeconds));
    }
}

/// <summary>
/// Pushes checkpoint histograms to the results dashboard.
/// </summary>
public sealed class CheckpointMetricsExporter
{
    private readonly IReadOnlyList<SplitTimeHistogram> _histograms;
    private readonly Action<string, HistogramSnapshot> _publish;

    public CheckpointMetricsExporter(IReadOnlyList<SplitTimeHistogram> histograms, Action<string, HistogramSnapshot> publish)
    {
        _histograms = histograms;
        _publish = publish;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var histogram in _histograms)
            {
                _publish(histogram.Checkpoint, histogram.Snapshot());
            }
        }
    }
}

public static class MatReaderLoop
{
    public static Task StartAsync(SplitTimeHistogram histogram, Func<CancellationToken, Task<TimeSpan?>> readNext, CancellationToken cancellationToken)
    {
        return Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var split = await readNext(cancellationToken);
                if (split is { } value)
                {
                    histogram.Record(value);
                }
            }
        }, cancellationToken);
    }
}
