using System.Collections.Concurrent;

namespace Railway.PanelSim
{
    public sealed class PointsMovedEventArgs : EventArgs
    {
        public PointsMovedEventArgs(string pointsId, bool reverse)
        {
            PointsId = pointsId;
            Reverse = reverse;
        }

        public string PointsId { get; }
        public bool Reverse { get; }
    }

    /// <summary>
    /// Simulated point machine; raises <see cref="Moved"/> from its motor thread.
    /// </summary>
    public sealed class SimulatedPointMachine
    {
        public SimulatedPointMachine(string id) => Id = id;

        public string Id { get; }

        public event EventHandler<PointsMovedEventArgs>? Moved;

        public Task Throw(bool reverse) => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            Moved?.Invoke(this, new PointsMovedEventArgs(Id, reverse));
        });
    }

    /// <summary>
    /// Keeps the detected position of every set of points. Motor-thread
    /// events are queued and applied by the panel's single update thread.
    /// </summary>
    public sealed class PointsPositionTable : IDisposable
    {
        private readonly BlockingCollection<PointsMovedEventArgs> _pending = new();
        private readonly Dictionary<string, bool> _reverse = new(StringComparer.Ordinal);
        private readonly Thread _updater;
        private readonly ManualResetEventSlim _drained = new(false);

        public PointsPositionTable()
        {
            _updater = new Thread(ApplyLoop) { IsBackground = true, Name = "points-table" };
            _updater.Start();
        }

        public event Action<string, bool>? PositionDetected;

        public void Watch(SimulatedPointMachine machine) => machine.Moved += OnMoved;

        private void OnMoved(object? sender, PointsMovedEventArgs e) => _pending.Add(e);

        private void ApplyLoop()
        {
            foreach (var e in _pending.GetConsumingEnumerable())
            {
                _reverse[e.PointsId] = e.Reverse;
                PositionDetected?.Invoke(e.PointsId, e.Reverse);
            }
            _drained.Set();
        }

        /// <summary>
        /// Stops accepting movements and returns the final detected positions.
        /// </summary>
        public IReadOnlyDictionary<string, bool> Shutdown()
        {
            _pending.CompleteAdding();
            _drained.Wait();
            return new Dictionary<string, bool>(_reverse, StringComparer.Ordinal);
        }

        public void Dispose()
        {
            _pending.Dispose();
            _drained.Dispose();
        }
    }
}
