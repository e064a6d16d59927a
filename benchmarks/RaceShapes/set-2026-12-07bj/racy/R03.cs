using System;
using System.Threading;

namespace Blind62.SilkWeaving.Telemetry
{
    public readonly record struct LoomReport(string LoomId, long Picks, double AverageTension, DateTimeOffset At);

    public interface ILoomReportPublisher
    {
        void Publish(LoomReport report);
    }

    /// <summary>
    /// Aggregates pick counts and warp tension for one jacquard loom. The shuttle sensor
    /// driver calls <see cref="RecordPick"/> from its I/O threads; a timer publishes a
    /// report every minute and starts a fresh interval.
    /// </summary>
    public sealed class LoomThroughputMeter : IDisposable
    {
        private readonly object _gate = new();
        private readonly string _loomId;
        private readonly ILoomReportPublisher _publisher;
        private readonly Timer _reportTimer;

        private long _picks;
        private double _tensionSum;
        private double _peakTension;

        public LoomThroughputMeter(string loomId, ILoomReportPublisher publisher, TimeSpan interval)
        {
            _loomId = loomId;
            _publisher = publisher;
            _reportTimer = new Timer(OnReportTick, null, interval, interval);
        }

        public void RecordPick(double warpTensionNewtons)
        {
            lock (_gate)
            {
                _picks++;
                _tensionSum += warpTensionNewtons;
                if (warpTensionNewtons > _peakTension)
                {
                    _peakTension = warpTensionNewtons;
                }
            }
        }

        public double PeakTension
        {
            get
            {
                lock (_gate)
                {
                    return _peakTension;
                }
            }
        }

        private void OnReportTick(object? state)
        {
            LoomReport report;
            lock (_gate)
            {
                double average = _picks == 0 ? 0 : _tensionSum / _picks;
                report = new LoomReport(_loomId, _picks, average, DateTimeOffset.UtcNow);
            }

            _publisher.Publish(report);

            // start the next interval
            _picks = 0;
            _tensionSum = 0;
        }

        public void Dispose() => _reportTimer.Dispose();
    }
}
