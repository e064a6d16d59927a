using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.BrassBand.Rehearsals
{
    public sealed record RehearsalEvent(string Kind, string Section, string Detail, DateTimeOffset At);

    public interface IRehearsalObserver
    {
        void OnEvent(RehearsalEvent evt);
    }

    /// <summary>
    /// Fan-out of rehearsal-room events (tuning done, section ready, conductor cue) to
    /// the band's apps. Observers can subscribe or unsubscribe at any moment, including
    /// from inside their own callback; publishing happens from the MIDI listener thread
    /// and from the web API.
    /// </summary>
    public sealed class RehearsalEventHub
    {
        private readonly object _subscribeGate = new();
        private IRehearsalObserver[] _observers = Array.Empty<IRehearsalObserver>();
        private long _published;

        public long Published => Interlocked.Read(ref _published);

        public IDisposable Subscribe(IRehearsalObserver observer)
        {
            ArgumentNullException.ThrowIfNull(observer);
            lock (_subscribeGate)
            {
                var current = _observers;
                var updated = new IRehearsalObserver[current.Length + 1];
                Array.Copy(current, updated, current.Length);
                updated[^1] = observer;
                Volatile.Write(ref _observers, updated);
            }

            return new Subscription(this, observer);
        }

        private void Unsubscribe(IRehearsalObserver observer)
        {
            lock (_subscribeGate)
            {
                var current = _observers;
                int index = Array.IndexOf(current, observer);
                if (index < 0)
                {
                    return;
                }

                var updated = new IRehearsalObserver[current.Length - 1];
                Array.Copy(current, 0, updated, 0, index);
                Array.Copy(current, index + 1, updated, index, current.Length - index - 1);
                Volatile.Write(ref _observers, updated);
            }
        }

        public void Publish(RehearsalEvent evt)
        {
            Interlocked.Increment(ref _published);
            var snapshot = Volatile.Read(ref _observers);
            foreach (var observer in snapshot)
            {
                try
                {
                    observer.OnEvent(evt);
                }
                catch (Exception)
                {
                    // one broken tablet app must not stop the others hearing the cue
                }
            }
        }

        public Task PublishAsync(RehearsalEvent evt) => Task.Run(() => Publish(evt));

        private sealed class Subscription : IDisposable
        {
            private RehearsalEventHub? _hub;
            private readonly IRehearsalObserver _observer;

            public Subscription(RehearsalEventHub hub, IRehearsalObserver observer)
            {
                _hub = hub;
                _observer = observer;
            }

            public void Dispose() => Interlocked.Exchange(ref _hub, null)?.Unsubscribe(_observer);
        }
    }
}
