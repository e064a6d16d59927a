using System.Timers;
using Timer = System.Timers.Timer;

namespace SkiBinding.FatigueRig
{
    /// <summary>
    /// Counts actuator strokes on the fatigue rig and keeps the toe-piece
    /// displacement history. The technician's screen calls
    /// <see cref="GetDisplacementHistory"/> from the UI thread.
    /// </summary>
    public sealed class FatigueCycleRecorder : IDisposable
    {
        private readonly Func<double> _readDisplacementMm;
        private readonly Timer _timer;
        private readonly object _sync = new();
        private readonly List<double> _history = new();
        private double _maxDisplacement;
        private int _strokes;

        public FatigueCycleRecorder(Func<double> readDisplacementMm, double intervalMs)
        {
            _readDisplacementMm = readDisplacementMm;
            _timer = new Timer(intervalMs) { AutoReset = true };
            _timer.Elapsed += OnElapsed;
        }

        public void Start() => _timer.Start();

        public void Stop() => _timer.Stop();

        public double[] GetDisplacementHistory()
        {
            lock (_sync)
            {
                return _history.ToArray();
            }
        }

        public (int Strokes, double MaxDisplacementMm) Summary()
        {
            lock (_sync)
            {
                return (_strokes, _maxDisplacement);
            }
        }

        private void OnElapsed(object? sender, ElapsedEventArgs e)
        {
            var mm = _readDisplacementMm();

            lock (_sync)
            {
                _history.Add(mm);
                if (_history.Count > 10_000)
                {
                    _history.RemoveRange(0, 1_000);
                }

                if (mm > _maxDisplacement)
                {
                    _maxDisplacement = mm;
                }

                _strokes++;
            }
        }

        public void Dispose()
        {
            _timer.Elapsed -= OnElapsed;
            _timer.Dispose();
        }
    }

    /// <summary>
    /// Technician screen: shows the last few hundred points.
    /// </summary>
    public sealed class FatigueScreen
    {
        private readonly FatigueCycleRecorder _recorder;

        public FatigueScreen(FatigueCycleRecorder recorder) => _recorder = recorder;

        public string Render()
        {
            var history = _recorder.GetDisplacementHistory();
            var (strokes, max) = _recorder.Summary();
            var recent = history.Skip(Math.Max(0, history.Length - 300));
            return $"{strokes} strokes, max {max:F2} mm, recent avg {(recent.Any() ? recent.Average() : 0):F2} mm";
        }
    }
}
