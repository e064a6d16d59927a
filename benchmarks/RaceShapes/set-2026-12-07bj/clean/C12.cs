using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind62.SolarFarm.Irradiance
{
    public sealed record IrradianceReading(double AverageWm2, double PeakWm2, int Samples, DateTimeOffset At);

    public interface IPyranometer
    {
        double ReadWm2();
    }

    /// <summary>
    /// Samples the site pyranometer and keeps a rolling average for the tracker
    /// controller. The timer is one-shot and re-armed at the end of each callback, so a
    /// slow read simply delays the next sample.
    /// </summary>
    public sealed class IrradianceSampler : IDisposable
    {
        private readonly IPyranometer _sensor;
        private readonly TimeSpan _interval;
        private readonly int _windowSize;
        private readonly Queue<double> _window = new();
        private readonly Timer _timer;
        private IrradianceReading? _latest;
        private int _started;
        private int _disposed;

        public IrradianceSampler(IPyranometer sensor, TimeSpan interval, int windowSize = 60)
        {
            _sensor = sensor;
            _interval = interval;
            _windowSize = windowSize;
            _timer = new Timer(Sample, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public IrradianceReading? Latest => Volatile.Read(ref _latest);

        public void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) == 0)
            {
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
        }

        private void Sample(object? state)
        {
            try
            {
                double wm2 = _sensor.ReadWm2();
                _window.Enqueue(wm2);
                while (_window.Count > _windowSize)
                {
                    _window.Dequeue();
                }

                var reading = new IrradianceReading(_window.Average(), _window.Max(), _window.Count, DateTimeOffset.UtcNow);
                Volatile.Write(ref _latest, reading);
            }
            catch (TimeoutException)
            {
                // sensor busy; try again next time round
            }
            finally
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    try
                    {
                        _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _timer.Dispose();
            }
        }
    }
}
