namespace MarineBuoy.Telemetry
{
    public readonly record struct WaveFrame(DateTimeOffset At, float[] HeaveMetres);

    public readonly record struct WaveStatistics(double SignificantHeightM, double MaxHeightM, double MeanPeriodS);

    /// <summary>
    /// Computes wave statistics for each 20-minute frame received from the
    /// offshore buoy during the last satellite pass.
    /// </summary>
    public static class WaveStatisticsCalculator
    {
        public static WaveStatistics[] ComputeAll(IReadOnlyList<WaveFrame> frames, double sampleRateHz)
        {
            var stats = new WaveStatistics[frames.Count];

            Parallel.For(0, frames.Count, i =>
            {
                stats[i] = Compute(frames[i].HeaveMetres, sampleRateHz);
            });

            return stats;
        }

        public static WaveStatistics Compute(float[] heave, double sampleRateHz)
        {
            var heights = new List<double>();
            var upCrossings = 0;
            double crestMax = double.MinValue, troughMin = double.MaxValue;
            var mean = heave.Length == 0 ? 0 : heave.Average();

            for (var i = 1; i < heave.Length; i++)
            {
                var prev = heave[i - 1] - mean;
                var cur = heave[i] - mean;
                crestMax = Math.Max(crestMax, cur);
                troughMin = Math.Min(troughMin, cur);

                if (prev < 0 && cur >= 0)
                {
                    if (upCrossings > 0)
                    {
                        heights.Add(crestMax - troughMin);
                    }
                    upCrossings++;
                    crestMax = double.MinValue;
                    troughMin = double.MaxValue;
                }
            }

            if (heights.Count == 0)
            {
                return new WaveStatistics(0, 0, 0);
            }

            heights.Sort();
            var topThird = heights.Skip(heights.Count * 2 / 3).ToList();
            var durationS = heave.Length / sampleRateHz;
            return new WaveStatistics(topThird.Average(), heights[^1], durationS / Math.Max(1, upCrossings - 1));
        }
    }

    /// <summary>
    /// Handles a satellite pass: decodes frames and stores the statistics.
    /// </summary>
    public sealed class SatellitePassHandler
    {
        private readonly Func<IReadOnlyList<WaveFrame>, WaveStatistics[], Task> _store;

        public SatellitePassHandler(Func<IReadOnlyList<WaveFrame>, WaveStatistics[], Task> store) => _store = store;

        public async Task HandleAsync(IReadOnlyList<WaveFrame> frames)
        {
            var stats = await Task.Run(() => WaveStatisticsCalculator.ComputeAll(frames, 2.56)).ConfigureAwait(false);
            await _store(frames, stats).ConfigureAwait(false);
        }
    }
}
