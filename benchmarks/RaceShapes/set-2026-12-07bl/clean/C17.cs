namespace Blind64.Caving.Alerts
{
    public interface IWaterLevelObserver
    {
        void OnWaterLevel(string sumpId, double metresAboveDatum);
    }

    /// <summary>
    /// Fans out sump water-level readings to whoever is watching (rescue callout board,
    /// trip leaders' phones, the club logbook). Observers come and go while readings are
    /// being delivered; each reading goes to the observers registered when it started.
    /// </summary>
    public sealed class SumpLevelNotifier
    {
        private readonly object _writeGate = new();
        private IWaterLevelObserver[] _observers = Array.Empty<IWaterLevelObserver>();

        public IDisposable Subscribe(IWaterLevelObserver observer)
        {
            lock (_writeGate)
            {
                var next = new IWaterLevelObserver[_observers.Length + 1];
                Array.Copy(_observers, next, _observers.Length);
                next[^1] = observer;
                Volatile.Write(ref _observers, next);
            }

            return new Unsubscriber(this, observer);
        }

        private void Unsubscribe(IWaterLevelObserver observer)
        {
            lock (_writeGate)
            {
                var index = Array.IndexOf(_observers, observer);
                if (index < 0)
                {
                    return;
                }

                var next = new IWaterLevelObserver[_observers.Length - 1];
                Array.Copy(_observers, 0, next, 0, index);
                Array.Copy(_observers, index + 1, next, index, _observers.Length - index - 1);
                Volatile.Write(ref _observers, next);
            }
        }

        public void Publish(string sumpId, double level)
        {
            var snapshot = Volatile.Read(ref _observers);
            foreach (var observer in snapshot)
            {
                observer.OnWaterLevel(sumpId, level);
            }
        }

        private sealed class Unsubscriber : IDisposable
        {
            private SumpLevelNotifier? _owner;
            private readonly IWaterLevelObserver _observer;

            public Unsubscriber(SumpLevelNotifier owner, IWaterLevelObserver observer)
            {
                _owner = owner;
                _observer = observer;
            }

            public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Unsubscribe(_observer);
        }
    }

    /// <summary>Observer that unsubscribes itself once the sump has drained.</summary>
    public sealed class OneShotDrainWatcher : IWaterLevelObserver
    {
        private readonly TaskCompletionSource<string> _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IDisposable? _subscription;

        public Task<string> Drained => _drained.Task;

        public void Attach(SumpLevelNotifier notifier) =>
            Interlocked.Exchange(ref _subscription, notifier.Subscribe(this));

        public void OnWaterLevel(string sumpId, double metresAboveDatum)
        {
            if (metresAboveDatum <= 0 && _drained.TrySetResult(sumpId))
            {
                Interlocked.Exchange(ref _subscription, null)?.Dispose();
            }
        }
    }
}
