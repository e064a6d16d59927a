namespace Blind4.Metrics.Histograms;

public sealed record HistogramSnapshot(IReadOnlyList<double> UpperBoundsMs, IReadOnlyList<long> Counts)
{
    public long TotalCount => Counts.Sum();
}

/// <summary>
/// Fixed-bucket latency histogram. Request middleware calls <see cref="Record"/> for every
/// request; the Prometheus scrape endpoint and the OTLP exporter both call <see cref="Collect"/>.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly double[] UpperBoundsMs =
    {
        1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
    };

    private readonly long[] _counts = new long[UpperBoundsMs.Length + 1];
    private readonly object _recordLock = new();
    private readonly object _collectLock = new();

    public string Name { get; }

    public LatencyHistogram(string name)
    {
        Name = name;
    }

    public void Record(TimeSpan elapsed)
    {
        var index = FindBucket(elapsed.TotalMilliseconds);
        lock (_recordLock)
        {
            _counts[index]++;
        }
    }

    public IDisposable StartTimer() => new TimerScope(this);

    /// <summary>
    /// Copies the current counts. Delta exporters pass <paramref name="reset"/> = true so
    /// that every interval starts from zero.
    /// </summary>
    public HistogramSnapshot Collect(bool reset)
    {
        lock (_collectLock)
        {
            var counts = new long[_counts.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = _counts[i];
                if (reset)
                {
                    _counts[i] = 0;
                }
            }

            var bounds = UpperBoundsMs.Append(double.PositiveInfinity).ToArray();
            return new HistogramSnapshot(bounds, counts);
        }
    }

    private static int FindBucket(double milliseconds)
    {
        var index = Array.BinarySearch(UpperBoundsMs, milliseconds);
        return index >= 0 ? index : ~index;
    }

    private sealed class TimerScope : IDisposable
    {
        private readonly LatencyHistogram _owner;
        private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

        public TimerScope(LatencyHistogram owner) => _owner = owner;

        public void Dispose() => _owner.Record(System.Diagnostics.Stopwatch.GetElapsedTime(_started));
    }
}
