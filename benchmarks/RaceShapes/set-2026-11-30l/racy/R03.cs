using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Vitalis.Monitoring.Bedside
{
    public enum VitalKind { HeartRate, PulseRate, SpO2, RespiratoryRate, SystolicPressure }

    public readonly record struct VitalSample(VitalKind Kind, double Value, DateTime TimestampUtc);

    /// <summary>Fixed-size window of recent values for one vital sign.</summary>
    public sealed class RollingWindow
    {
        private readonly double[] _values;
        private readonly object _sync = new();
        private int _next;
        private int _count;

        public RollingWindow(int size) => _values = new double[size];

        public void Push(double value)
        {
            lock (_sync)
            {
                _values[_next] = value;
                _next = (_next + 1) % _values.Length;
                if (_count < _values.Length) _count++;
            }
        }

        public double Average()
        {
            lock (_sync)
            {
                if (_count == 0) return double.NaN;
                double sum = 0;
                for (int i = 0; i < _count; i++) sum += _values[i];
                return sum / _count;
            }
        }
    }

    /// <summary>
    /// Aggregates vital-sign samples for one bedside monitor. Every attached sensor
    /// (ECG leads, pulse oximeter, NIBP cuff) has its own acquisition thread, and each
    /// of those threads calls <see cref="RecordSample"/> for the values it measures.
    /// The central station polls the summary properties once a second.
    /// </summary>
    public sealed class VitalSignsAggregator
    {
        private readonly ConcurrentDictionary<VitalKind, RollingWindow> _windows = new();
        private long _sampleCount;
        private int _peakHeartRate;

        public VitalSignsAggregator(string bedId) => BedId = bedId;

        public string BedId { get; }

        public void RecordSample(VitalSample sample)
        {
            if (double.IsNaN(sample.Value)) return;

            Interlocked.Increment(ref _sampleCount);
            _windows.GetOrAdd(sample.Kind, _ => new RollingWindow(120)).Push(sample.Value);

            // ECG heart rate and oximeter pulse rate both count toward the session peak.
            if (sample.Kind is VitalKind.HeartRate or VitalKind.PulseRate)
            {
                int bpm = (int)Math.Round(sample.Value);
                if (bpm > _peakHeartRate)
                    _peakHeartRate = bpm;
            }
        }

        public long SampleCount => Interlocked.Read(ref _sampleCount);

        public int PeakHeartRate => Volatile.Read(ref _peakHeartRate);

        public double AverageOf(VitalKind kind) =>
            _windows.TryGetValue(kind, out var window) ? window.Average() : double.NaN;
    }
}
