namespace Library.SelfCheckout
{
    /// <summary>
    /// Controls the exit security gates of the self-checkout area. Only a
    /// fixed number of gates can be open at once because they share one
    /// RFID antenna controller. Kiosk threads call <see cref="PassThrough"/>.
    /// </summary>
    public sealed class ExitGateController
    {
        private readonly object _monitor = new();
        private readonly int _maxOpen;
        private readonly Action<int, bool> _driveGate;
        private readonly Queue<int> _freeGates = new();
        private int _patronsPassed;
        private bool _lockedDown;

        public ExitGateController(int gateCount, int maxOpen, Action<int, bool> driveGate)
        {
            _maxOpen = Math.Min(maxOpen, gateCount);
            _driveGate = driveGate;
            for (var g = 0; g < _maxOpen; g++)
            {
                _freeGates.Enqueue(g);
            }
        }

        public int PatronsPassed
        {
            get
            {
                lock (_monitor)
                {
                    return _patronsPassed;
                }
            }
        }

        public bool PassThrough(TimeSpan holdOpen, TimeSpan maxWait)
        {
            int gate;
            Monitor.Enter(_monitor);
            try
            {
                var deadline = DateTime.UtcNow + maxWait;
                while (_freeGates.Count == 0 && !_lockedDown)
                {
                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
                    {
                        return false;
                    }
                }

                if (_lockedDown)
                {
                    return false;
                }

                gate = _freeGates.Dequeue();
            }
            finally
            {
                Monitor.Exit(_monitor);
            }

            _driveGate(gate, true);
            Thread.Sleep(holdOpen);
            _driveGate(gate, false);

            lock (_monitor)
            {
                _freeGates.Enqueue(gate);
                _patronsPassed++;
                Monitor.Pulse(_monitor);
            }

            return true;
        }

        /// <summary>
        /// Raised by the alarm panel when an unchecked item is detected.
        /// </summary>
        public void LockDown()
        {
            lock (_monitor)
            {
                _lockedDown = true;
                Monitor.PulseAll(_monitor);
            }
        }

        public void Release()
        {
            lock (_monitor)
            {
                _lockedDown = false;
                Monitor.PulseAll(_monitor);
            }
        }
    }
}
