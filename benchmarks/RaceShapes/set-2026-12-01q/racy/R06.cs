using System.Timers;
using Timer = System.Timers.Timer;

namespace SkiBinding.TestRig
{
    /// <summary>
    /// Samples the release-force load cell while a binding cycles through the
    /// DIN torque test. The operator screen polls <see cref="GetPeakHistory"/>.
    /// </summary>
    public sealed class ReleaseForceSampler : IDisposable
    {
        private readonly Func<double> _readLoadCellNewtons;
        private readonly Timer _timer;
        private readonly List<double> _peaks = new();
        private double _currentCyclePeak;
        private int _cycle;
        private volatile bool _running;

        public ReleaseForceSampler(Func<double> readLoadCellNewtons, double sampleIntervalMs)
        {
            _readLoadCellNewtons = readLoadCellNewtons;
            _timer = new Timer(sampleIntervalMs) { AutoReset = false };
            _timer.Elapsed += OnSample;
        }

        public double ReleaseThresholdNewtons { get; init; } = 15.0;

        /// <summary>
        /// Begins sampling; the sampler runs until disposed.
        /// </summary>
        public void Start()
        {
            if (_running)
            {
                return;
            }
            _running = true;
            _timer.Start();
        }

        /// <summary>
        /// Returns the peak force from each completed release cycle so far.
        /// </summary>
        public double[] GetPeakHistory()
        {
            return _peaks.ToArray();
        }

        public int CompletedCycles => Volatile.Read(ref _cycle);

        private void OnSample(object? sender, ElapsedEventArgs e)
        {
            try
            {
                Sample();
            }
            finally
            {
                if (_running)
                {
                    _timer.Start();
                }
            }
        }

        private void Sample()
        {
            var force = _readLoadCellNewtons();

            if (force > _currentCyclePeak)
            {
                _currentCyclePeak = force;
                return;
            }

            if (_currentCyclePeak >= ReleaseThresholdNewtons && force < ReleaseThresholdNewtons * 0.2)
            {
                _peaks.Add(_currentCyclePeak);
                _currentCyclePeak = 0;
                Interlocked.Increment(ref _cycle);
            }
        }

        public void Dispose()
        {
            _running = false;
            _timer.Elapsed -= OnSample;
            _timer.Dispose();
        }
    }

    /// <summary>
    /// Operator console view-model: refreshes the chart once a second.
    /// </summary>
    public sealed class RigConsoleViewModel
    {
        private readonly ReleaseForceSampler _sampler;

        public RigConsoleViewModel(ReleaseForceSampler sampler) => _sampler = sampler;

        public IReadOnlyList<double> ChartPoints { get; private set; } = Array.Empty<double>();

        public string Status { get; private set; } = "Idle";

        public async Task RefreshLoopAsync(CancellationToken ct)
        {
            using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await ticker.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                ChartPoints = _sampler.GetPeakHistory();
                Status = $"{_sampler.CompletedCycles} cycles";
            }
        }
    }
}
