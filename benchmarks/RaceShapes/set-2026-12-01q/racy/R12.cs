namespace Railway.InterlockingSim
{
    public enum Aspect
    {
        Danger,
        Caution,
        PreliminaryCaution,
        Clear,
    }

    public sealed class AspectChangedEventArgs : EventArgs
    {
        public AspectChangedEventArgs(string signalId, Aspect aspect)
        {
            SignalId = signalId;
            Aspect = aspect;
        }

        public string SignalId { get; }
        public Aspect Aspect { get; }
    }

    /// <summary>
    /// Simulated signal head. Each signal runs its own relay-timing loop on a
    /// dedicated thread and raises <see cref="AspectChanged"/> from it.
    /// </summary>
    public sealed class SimulatedSignal
    {
        private readonly Random _random;
        private Thread? _thread;

        public SimulatedSignal(string id, int seed)
        {
            Id = id;
            _random = new Random(seed);
        }

        public string Id { get; }

        public event EventHandler<AspectChangedEventArgs>? AspectChanged;

        public void Start(CancellationToken ct)
        {
            _thread = new Thread(() => Loop(ct)) { IsBackground = true, Name = $"signal-{Id}" };
            _thread.Start();
        }

        private void Loop(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                Thread.Sleep(_random.Next(50, 400));
                var aspect = (Aspect)_random.Next(0, 4);
                AspectChanged?.Invoke(this, new AspectChangedEventArgs(Id, aspect));
            }
        }
    }

    /// <summary>
    /// Watches every signal on the panel and keeps the set of signals
    /// currently showing a proceed aspect, for the route-setting logic.
    /// </summary>
    public sealed class ProceedAspectTracker
    {
        private readonly HashSet<string> _showingProceed = new(StringComparer.Ordinal);
        private long _changes;

        public void Watch(IEnumerable<SimulatedSignal> signals)
        {
            foreach (var s in signals)
            {
                s.AspectChanged += OnAspectChanged;
            }
        }

        public long Changes => Interlocked.Read(ref _changes);

        private void OnAspectChanged(object? sender, AspectChangedEventArgs e)
        {
            Interlocked.Increment(ref _changes);

            if (e.Aspect == Aspect.Danger)
            {
                _showingProceed.Remove(e.SignalId);
            }
            else
            {
                _showingProceed.Add(e.SignalId);
            }
        }

        public bool IsProceed(string signalId)
        {
            lock (_showingProceed)
            {
                return _showingProceed.Contains(signalId);
            }
        }
    }
}
