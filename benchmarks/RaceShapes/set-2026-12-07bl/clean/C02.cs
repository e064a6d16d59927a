namespace Blind64.CamelRacing.Timing
{
    /// <summary>
    /// Rolling average of split times for one camel across the last few races.
    /// Instances are shared between the track-side timing receiver, which records
    /// splits as transponders pass the gates, and the odds page, which reads the average.
    /// </summary>
    public sealed class SplitTimeAverager
    {
        private readonly object _gate = new();
        private readonly double[] _window;
        private int _next;
        private int _count;
        private double _sum;

        public SplitTimeAverager(int windowSize)
        {
            if (windowSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(windowSize));
            }

            _window = new double[windowSize];
        }

        public void Record(TimeSpan split)
        {
            var seconds = split.TotalSeconds;
            lock (_gate)
            {
                if (_count == _window.Length)
                {
                    _sum -= _window[_next];
                }
                else
                {
                    _count++;
                }

                _window[_next] = seconds;
                _sum += seconds;
                _next = (_next + 1) % _window.Length;
            }
        }

        public TimeSpan? Average
        {
            get
            {
                double sum;
                int count;
                lock (_gate)
                {
                    sum = _sum;
                    count = _count;
                }

                return count == 0 ? null : TimeSpan.FromSeconds(sum / count);
            }
        }
    }

    /// <summary>Keeps one averager per camel; looked up by the timing receiver and the odds page.</summary>
    public sealed class StableTimingBoard
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SplitTimeAverager> _camels = new();

        public void OnGatePassed(string camelId, TimeSpan split) =>
            _camels.GetOrAdd(camelId, _ => new SplitTimeAverager(8)).Record(split);

        public string Describe(string camelId) =>
            _camels.TryGetValue(camelId, out var avg) && avg.Average is { } a
                ? $"{camelId}: {a.TotalSeconds:F2}s avg split"
                : $"{camelId}: no splits yet";
    }
}
