using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Timers;

namespace Blind62.SolarFarm.Inverters
{
    public sealed record ArrayOutput(double AverageKw, int Samples, DateTimeOffset At);

    public interface IModbusGateway
    {
        /// <summary>Reads the AC output of every inverter on a string; slow when the RS-485 bus is busy.</summary>
        double ReadStringOutputKw(string stringId);
    }

    /// <summary>
    /// Samples one inverter string on a fixed interval and keeps a five-minute rolling
    /// average for the export limiter.
    /// </summary>
    public sealed class StringOutputSampler : IDisposable
    {
        private readonly System.Timers.Timer _timer;
        private readonly IModbusGateway _gateway;
        private readonly string _stringId;
        private readonly int _windowSize;
        private readonly List<double> _window = new();
        private ArrayOutput? _latest;

        public StringOutputSampler(IModbusGateway gateway, string stringId, TimeSpan interval, int windowSize = 150)
        {
            _gateway = gateway;
            _stringId = stringId;
            _windowSize = windowSize;
            _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = true };
            _timer.Elapsed += OnElapsed;
        }

        public void Start() => _timer.Start();

        public ArrayOutput? Latest => Volatile.Read(ref _latest);

        private void OnElapsed(object? sender, ElapsedEventArgs e)
        {
            double kw = _gateway.ReadStringOutputKw(_stringId);

            _window.Add(kw);
            if (_window.Count > _windowSize)
            {
                _window.RemoveAt(0);
            }

            var output = new ArrayOutput(_window.Average(), _window.Count, DateTimeOffset.UtcNow);
            Volatile.Write(ref _latest, output);
        }

        public void Dispose()
        {
            _timer.Stop();
            _timer.Dispose();
        }
    }
}
