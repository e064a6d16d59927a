namespace Blind64.Caving.Messaging
{
    public interface ICaveEventHandler
    {
        void Handle(string topic, object payload);
    }

    /// <summary>
    /// In-process event aggregator for the caving club's trip-tracking app.
    /// One instance is shared by the whole app; screens subscribe and unsubscribe
    /// as they open and close, and services publish from background threads.
    /// </summary>
    public sealed class CaveEventAggregator
    {
        private readonly object _gate = new();
        private readonly List<(string Topic, ICaveEventHandler Handler)> _subscriptions = new();

        public IDisposable Subscribe(string topic, ICaveEventHandler handler)
        {
            lock (_gate)
            {
                _subscriptions.Add((topic, handler));
            }

            return new Subscription(this, topic, handler);
        }

        private void Unsubscribe(string topic, ICaveEventHandler handler)
        {
            lock (_gate)
            {
                _subscriptions.Remove((topic, handler));
            }
        }

        public int Publish(string topic, object payload)
        {
            var delivered = 0;
            for (var i = 0; i < _subscriptions.Count; i++)
            {
                var (t, h) = _subscriptions[i];
                if (t == topic)
                {
                    h.Handle(topic, payload);
                    delivered++;
                }
            }

            return delivered;
        }

        private sealed class Subscription : IDisposable
        {
            private CaveEventAggregator? _owner;
            private readonly string _topic;
            private readonly ICaveEventHandler _handler;

            public Subscription(CaveEventAggregator owner, string topic, ICaveEventHandler handler)
            {
                _owner = owner;
                _topic = topic;
                _handler = handler;
            }

            public void Dispose()
            {
                Interlocked.Exchange(ref _owner, null)?.Unsubscribe(_topic, _handler);
            }
        }
    }

    /// <summary>Publishes overdue alerts when a party misses its call-out time.</summary>
    public sealed class CalloutWatch
    {
        private readonly CaveEventAggregator _events;

        public CalloutWatch(CaveEventAggregator events) => _events = events;

        public void Start(IReadOnlyList<(string Party, DateTimeOffset Due)> trips, CancellationToken ct)
        {
            foreach (var trip in trips)
            {
                var delay = trip.Due - DateTimeOffset.UtcNow;
                _ = Task.Delay(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, ct)
                    .ContinueWith(_ => _events.Publish("overdue", trip.Party),
                        ct, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }
    }
}
