namespace FerryTerminal.Gates
{
    public sealed class TicketScannedEventArgs : EventArgs
    {
        public TicketScannedEventArgs(string gateId, string ticketCode, bool isVehicle)
        {
            GateId = gateId;
            TicketCode = ticketCode;
            IsVehicle = isVehicle;
        }

        public string GateId { get; }
        public string TicketCode { get; }
        public bool IsVehicle { get; }
    }

    /// <summary>
    /// Polls one turnstile reader and raises <see cref="TicketScanned"/> for each accepted ticket.
    /// </summary>
    public sealed class GateReader
    {
        private readonly string _gateId;
        private readonly Func<CancellationToken, Task<string?>> _readNext;

        public GateReader(string gateId, Func<CancellationToken, Task<string?>> readNext)
        {
            _gateId = gateId;
            _readNext = readNext;
        }

        public event EventHandler<TicketScannedEventArgs>? TicketScanned;

        public async Task RunAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var code = await _readNext(ct).ConfigureAwait(false);
                if (code is null)
                {
                    continue;
                }

                TicketScanned?.Invoke(this, new TicketScannedEventArgs(_gateId, code, code.StartsWith("V", StringComparison.Ordinal)));
            }
        }
    }

    /// <summary>
    /// Tracks the boarding count for the current sailing across all gates.
    /// </summary>
    public sealed class SailingBoardingMonitor
    {
        private readonly int _passengerCapacity;
        private int _passengersBoarded;
        private int _vehiclesBoarded;
        private readonly List<GateReader> _readers = new();

        public SailingBoardingMonitor(int passengerCapacity) => _passengerCapacity = passengerCapacity;

        public int PassengersBoarded => Volatile.Read(ref _passengersBoarded);

        public int VehiclesBoarded => Volatile.Read(ref _vehiclesBoarded);

        public bool IsFull => PassengersBoarded >= _passengerCapacity;

        public void Attach(GateReader reader)
        {
            reader.TicketScanned += OnTicketScanned;
            _readers.Add(reader);
        }

        public Task RunAllAsync(CancellationToken ct)
        {
            var tasks = new List<Task>();
            foreach (var reader in _readers)
            {
                tasks.Add(Task.Run(() => reader.RunAsync(ct), ct));
            }
            return Task.WhenAll(tasks);
        }

        private void OnTicketScanned(object? sender, TicketScannedEventArgs e)
        {
            if (e.IsVehicle)
            {
                Interlocked.Increment(ref _vehiclesBoarded);
            }

            _passengersBoarded++;
        }
    }
}
