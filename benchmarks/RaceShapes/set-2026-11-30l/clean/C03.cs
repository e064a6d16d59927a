using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Vitalis.Monitoring.Oximetry
{
    public enum SensorChannel { EcgHeartRate, PlethPulseRate, Saturation }

    public readonly record struct SensorReading(SensorChannel Channel, double Value, long TimestampTicks);

    /// <summary>
    /// Tracks extremes of the pulse readings for one patient. Each sensor module's
    /// acquisition thread calls <see cref="Record"/>; the nurse station reads the
    /// properties whenever it repaints the patient tile.
    /// </summary>
    public sealed class PulseExtremesTracker
    {
        private readonly ConcurrentDictionary<SensorChannel, long> _readingsPerChannel = new();
        private int _maxPulse;
        private int _minPulse = int.MaxValue;

        public void Record(SensorReading reading)
        {
            if (double.IsNaN(reading.Value) || reading.Value <= 0) return;

            _readingsPerChannel.AddOrUpdate(reading.Channel, 1, (_, n) => n + 1);

            if (reading.Channel == SensorChannel.Saturation) return;

            int bpm = (int)Math.Round(reading.Value);
            RaiseMax(bpm);
            LowerMin(bpm);
        }

        private void RaiseMax(int bpm)
        {
            int observed = Volatile.Read(ref _maxPulse);
            while (bpm > observed)
            {
                int prior = Interlocked.CompareExchange(ref _maxPulse, bpm, observed);
                if (prior == observed) return;
                observed = prior;
            }
        }

        private void LowerMin(int bpm)
        {
            int observed = Volatile.Read(ref _minPulse);
            while (bpm < observed)
            {
                int prior = Interlocked.CompareExchange(ref _minPulse, bpm, observed);
                if (prior == observed) return;
                observed = prior;
            }
        }

        public int MaxPulse => Volatile.Read(ref _maxPulse);

        public int? MinPulse
        {
            get
            {
                int value = Volatile.Read(ref _minPulse);
                return value == int.MaxValue ? null : value;
            }
        }

        public long ReadingsOn(SensorChannel channel) =>
            _readingsPerChannel.TryGetValue(channel, out long n) ? n : 0;
    }
}
