using System;
using System.Collections.Generic;
using System.Threading;

namespace Labware.Instruments.Spectrometry
{
    public sealed record SpectrumFrame(long Sequence, DateTime AcquiredUtc, double[] Intensities);

    public interface ISpectrometerDevice
    {
        double[] ReadSpectrum(int integrationMs);
    }

    /// <summary>
    /// Acquires spectra on a dedicated thread into a small bounded buffer. Analysis code
    /// takes frames with <see cref="TakeFrame"/>; acquisition pauses while the buffer is full.
    /// </summary>
    public sealed class SpectrumAcquisition : IDisposable
    {
        private readonly object _sync = new();
        private readonly Queue<SpectrumFrame> _frames = new();
        private readonly ISpectrometerDevice _device;
        private readonly int _capacity;
        private readonly int _integrationMs;
        private readonly Thread _thread;
        private bool _stopping;

        public SpectrumAcquisition(ISpectrometerDevice device, int integrationMs, int capacity = 8)
        {
            _device = device;
            _integrationMs = integrationMs;
            _capacity = capacity;
            _thread = new Thread(AcquireLoop) { IsBackground = true, Name = "spectrometer-acq" };
        }

        public void Start() => _thread.Start();

        private void AcquireLoop()
        {
            long sequence = 0;
            while (true)
            {
                lock (_sync)
                {
                    if (_stopping) return;
                }

                double[] intensities = _device.ReadSpectrum(_integrationMs);
                var frame = new SpectrumFrame(++sequence, DateTime.UtcNow, intensities);

                lock (_sync)
                {
                    while (_frames.Count >= _capacity && !_stopping)
                        Monitor.Wait(_sync);
                    if (_stopping) return;

                    _frames.Enqueue(frame);
                    Monitor.PulseAll(_sync);
                }
            }
        }

        public SpectrumFrame? TakeFrame(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_sync)
            {
                while (_frames.Count == 0)
                {
                    if (_stopping) return null;
                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero) return null;
                    Monitor.Wait(_sync, remaining);
                }

                var frame = _frames.Dequeue();
                Monitor.PulseAll(_sync);
                return frame;
            }
        }

        public void Dispose()
        {
            lock (_sync)
            {
                _stopping = true;
                Monitor.PulseAll(_sync);
            }
            if (_thread.IsAlive) _thread.Join();
        }
    }
}
