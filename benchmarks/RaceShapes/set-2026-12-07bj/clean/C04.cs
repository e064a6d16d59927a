using System;
using System.Threading;

namespace Blind62.SilkWeaving.Output
{
    public readonly record struct WarpInterval(string LoomId, long Picks, double AverageTension, double PeakTension);

    public interface IWarpIntervalSink
    {
        void Write(WarpInterval interval);
    }

    /// <summary>
    /// Per-loom pick and tension statistics. The shuttle sensor driver calls
    /// <see cref="RecordPick"/> from its I/O threads; a timer closes each interval.
    /// </summary>
    public sealed class WarpTensionMeter : IDisposable
    {
        private readonly object _gate = new();
        private readonly string _loomId;
        private readonly IWarpIntervalSink _sink;
        private readonly Timer _timer;

        private long _picks;
        private double _tensionSum;
        private double _peakTension;

        public WarpTensionMeter(string loomId, IWarpIntervalSink sink, TimeSpan interval)
        {
            _loomId = loomId;
            _sink = sink;
            _timer = new Timer(CloseInterval, null, interval, interval);
        }

        public void RecordPick(double tensionNewtons)
        {
            lock (_gate)
            {
                _picks++;
                _tensionSum += tensionNewtons;
                _peakTension = Math.Max(_peakTension, tensionNewtons);
            }
        }

        public long PicksSoFar
        {
            get
            {
                lock (_gate)
                {
                    return _picks;
                }
            }
        }

        private void CloseInterval(object? state)
        {
            WarpInterval closed;
            lock (_gate)
            {
                closed = new WarpInterval(
                    _loomId,
                    _picks,
                    _picks == 0 ? 0 : _tensionSum / _picks,
                    _peakTension);

                _picks = 0;
                _tensionSum = 0;
                _peakTension = 0;
            }

            _sink.Write(closed);
        }

        public void Dispose() => _timer.Dispose();
    }
}
