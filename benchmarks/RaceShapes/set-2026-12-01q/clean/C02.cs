namespace FerryTerminal.Turnstiles
{
    public sealed class GatePassedEventArgs : EventArgs
    {
        public GatePassedEventArgs(string gateId, bool isConcession)
        {
            GateId = gateId;
            IsConcession = isConcession;
        }

        public string GateId { get; }
        public bool IsConcession { get; }
    }

    /// <summary>
    /// Reads one turnstile and raises <see cref="Passed"/> on its polling task.
    /// </summary>
    public sealed class Turnstile
    {
        private readonly Func<CancellationToken, Task<bool?>> _poll;

        public Turnstile(string gateId, Func<CancellationToken, Task<bool?>> poll)
        {
            GateId = gateId;
            _poll = poll;
        }

        public string GateId { get; }

        public event EventHandler<GatePassedEventArgs>? Passed;

        public async Task RunAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var concession = await _poll(ct).ConfigureAwait(false);
                if (concession.HasValue)
                {
                    Passed?.Invoke(this, new GatePassedEventArgs(GateId, concession.Value));
                }
            }
        }
    }

    /// <summary>
    /// Aggregates boardings for the departure board across all turnstiles.
    /// </summary>
    public sealed class DepartureHeadcount
    {
        private readonly int _capacity;
        private int _boarded;
        private int _concessions;

        public DepartureHeadcount(int capacity) => _capacity = capacity;

        public int Boarded => Volatile.Read(ref _boarded);

        public int Concessions => Volatile.Read(ref _concessions);

        public bool ClosedForBoarding => Boarded >= _capacity;

        public void Subscribe(IEnumerable<Turnstile> turnstiles)
        {
            foreach (var t in turnstiles)
            {
                t.Passed += OnPassed;
            }
        }

        private void OnPassed(object? sender, GatePassedEventArgs e)
        {
            Interlocked.Increment(ref _boarded);
            if (e.IsConcession)
            {
                Interlocked.Increment(ref _concessions);
            }
        }

        /// <summary>
        /// Starts the next sailing; returns how many boarded the previous one.
        /// </summary>
        public int ResetForNextSailing()
        {
            Interlocked.Exchange(ref _concessions, 0);
            return Interlocked.Exchange(ref _boarded, 0);
        }
    }

    public static class TurnstileBank
    {
        public static Task RunAllAsync(IReadOnlyList<Turnstile> turnstiles, CancellationToken ct)
        {
            return Task.WhenAll(turnstiles.Select(t => Task.Run(() => t.RunAsync(ct), ct)));
        }
    }
}
