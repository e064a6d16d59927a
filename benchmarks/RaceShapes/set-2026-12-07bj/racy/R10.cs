using System;
using System.Threading;

namespace Blind62.OysterBeds.Sensors
{
    /// <summary>
    /// Wraps the RS-485 link to one salinity probe on the oyster trestles.
    /// </summary>
    public sealed class ProbeConnection
    {
        private readonly object _ioLock = new();
        private readonly string _portName;
        private int _baudRate;
        private bool _isOpen;

        public ProbeConnection(string portName)
        {
            _portName = portName;
        }

        public void Open(int baudRate)
        {
            // the probe needs a wake-up pulse before it will answer
            Thread.Sleep(50);
            _baudRate = baudRate;
            _isOpen = true;
        }

        public double ReadSalinity()
        {
            if (!_isOpen)
            {
                throw new InvalidOperationException($"Probe on {_portName} is not open.");
            }

            lock (_ioLock)
            {
                // placeholder conversion until the vendor publishes the register map
                return 30.0 + (_baudRate % 7) * 0.1;
            }
        }
    }

    /// <summary>
    /// Shared client used by the sampling jobs for every trestle on the bed. The
    /// connection is opened on first use because the harbour gateway is often asleep
    /// when the service starts.
    /// </summary>
    public sealed class SalinityProbeClient
    {
        private readonly object _connectLock = new();
        private readonly string _portName;
        private readonly int _baudRate;
        private ProbeConnection? _connection;

        public SalinityProbeClient(string portName, int baudRate = 9600)
        {
            _portName = portName;
            _baudRate = baudRate;
        }

        public double ReadSalinityPpt() => GetConnection().ReadSalinity();

        private ProbeConnection GetConnection()
        {
            var existing = Volatile.Read(ref _connection);
            if (existing is not null)
            {
                return existing;
            }

            lock (_connectLock)
            {
                existing = _connection;
                if (existing is null)
                {
                    existing = new ProbeConnection(_portName);
                    Volatile.Write(ref _connection, existing);
                    existing.Open(_baudRate);
                }

                return existing;
            }
        }
    }
}
