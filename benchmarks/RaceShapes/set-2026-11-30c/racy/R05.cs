namespace Litware.Metrics
{
    /// <summary>
    /// Aggregate statistics for a latency histogram.
    /// </summary>
    public struct LatencySummary
    {
        public long Count;
        public double SumMs;
        public double MinMs;
        public double MaxMs;

        public readonly double MeanMs => Count == 0 ? 0 : SumMs / Count;
    }

    /// <summary>
    /// Records request latencies into fixed buckets. Instances are registered
    /// in the process-wide meter registry and recorded to from every request
    /// thread; the exporter reads them on its own schedule.
    /// </summary>
    public sealed class LatencyHistogram
    {
        private static readonly double[] BucketBoundsMs = { 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000 };

        private readonly object _gate = new();
        private readonly long[] _bucketCounts = new long[BucketBoundsMs.Length + 1];
        private LatencySummary _summary = new() { MinMs = double.MaxValue, MaxMs = double.MinValue };

        public LatencyHistogram(string name) => Name = name;

        public string Name { get; }

        public void Record(TimeSpan elapsed)
        {
            var ms = elapsed.TotalMilliseconds;
            var bucket = Array.BinarySearch(BucketBoundsMs, ms);
            if (bucket < 0)
            {
                bucket = ~bucket;
            }

            lock (_gate)
            {
                _bucketCounts[bucket]++;
                _summary.Count++;
                _summary.SumMs += ms;
                if (ms < _summary.MinMs) _summary.MinMs = ms;
                if (ms > _summary.MaxMs) _summary.MaxMs = ms;
            }
        }

        public long[] GetBucketCounts()
        {
            lock (_gate)
            {
                return (long[])_bucketCounts.Clone();
            }
        }

        /// <summary>Called by the exporter once per collection interval.</summary>
        public LatencySummary GetSummary()
        {
            var copy = _summary;
            if (copy.Count == 0)
            {
                copy.MinMs = 0;
                copy.MaxMs = 0;
            }
            return copy;
        }

        public void Reset()
        {
            lock (_gate)
            {
                Array.Clear(_bucketCounts);
                _summary = new LatencySummary { MinMs = double.MaxValue, MaxMs = double.MinValue };
            }
        }
    }
}
