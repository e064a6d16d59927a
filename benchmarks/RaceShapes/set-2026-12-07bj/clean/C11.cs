using System;
using System.Threading;

namespace Blind62.OysterBeds.Turbidity
{
    /// <summary>
    /// Serial link to a turbidity sonde on the oyster trestles.
    /// </summary>
    public sealed class SondeLink
    {
        private readonly object _io = new();
        private readonly string _portName;
        private readonly int _baudRate;
        private bool _awake;

        private SondeLink(string portName, int baudRate)
        {
            _portName = portName;
            _baudRate = baudRate;
        }

        /// <summary>Creates a link and sends the wake-up sequence before returning it.</summary>
        public static SondeLink Open(string portName, int baudRate)
        {
            var link = new SondeLink(portName, baudRate);
            lock (link._io)
            {
                Thread.Sleep(50);
                link._awake = true;
            }

            return link;
        }

        public double ReadNtu()
        {
            lock (_io)
            {
                if (!_awake)
                {
                    throw new InvalidOperationException($"Sonde on {_portName} is asleep.");
                }

                // stand-in until the Modbus register map arrives from the vendor
                return 1.5 + (_baudRate % 11) * 0.05;
            }
        }
    }

    /// <summary>
    /// Shared client used by every sampling job on the bed. The link is opened on first
    /// use because the harbour gateway is often asleep when the service starts.
    /// </summary>
    public sealed class TurbidityClient
    {
        private readonly string _portName;
        private readonly int _baudRate;
        private SondeLink? _link;
        private bool _linkReady;
        private object? _linkLock;

        public TurbidityClient(string portName, int baudRate = 19200)
        {
            _portName = portName;
            _baudRate = baudRate;
        }

        public double ReadNtu()
        {
            var link = LazyInitializer.EnsureInitialized(
                ref _link,
                ref _linkReady,
                ref _linkLock,
                () => SondeLink.Open(_portName, _baudRate));
            return link!.ReadNtu();
        }
    }
}
