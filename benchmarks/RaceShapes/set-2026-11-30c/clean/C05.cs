namespace Litware.Metrics.Lockless
{
    public readonly record struct HistogramSnapshot(long Count, double SumMs, double MaxMs, long[] Buckets)
    {
        public double MeanMs => Count == 0 ? 0 : SumMs / Count;
    }

    /// <summary>
    /// Request-duration histogram recorded from every request thread and read by
    /// the Prometheus exporter. Values are kept in whole microseconds so that all
    /// aggregates can be updated with integer atomics.
    /// </summary>
    public sealed class DurationHistogram
    {
        private static readonly long[] UpperBoundsMicros =
            { 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 1_000_000 };

        private readonly long[] _buckets = new long[UpperBoundsMicros.Length + 1];
        private long _count;
        private long _sumMicros;
        private long _maxMicros;

        public DurationHistogram(string name) => Name = name;

        public string Name { get; }

        public void Record(TimeSpan duration)
        {
            var micros = (long)duration.TotalMicroseconds;
            var index = Array.BinarySearch(UpperBoundsMicros, micros);
            if (index < 0)
            {
                index = ~index;
            }

            Interlocked.Increment(ref _buckets[index]);
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _sumMicros, micros);
            UpdateMax(micros);
        }

        private void UpdateMax(long candidate)
        {
            var current = Interlocked.Read(ref _maxMicros);
            while (candidate > current)
            {
                var observed = Interlocked.CompareExchange(ref _maxMicros, candidate, current);
                if (observed == current)
                {
                    return;
                }
                current = observed;
            }
        }

        public HistogramSnapshot Snapshot()
        {
            var buckets = new long[_buckets.Length];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = Interlocked.Read(ref _buckets[i]);
            }

            return new HistogramSnapshot(
                Interlocked.Read(ref _count),
                Interlocked.Read(ref _sumMicros) / 1000.0,
                Interlocked.Read(ref _maxMicros) / 1000.0,
                buckets);
        }
    }
}
