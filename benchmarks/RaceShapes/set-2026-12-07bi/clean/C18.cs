namespace Blind61.Choir;

public interface IRehearsalEvent { }

public sealed record PartAssigned(string Singer, string Part) : IRehearsalEvent;

public sealed record RehearsalMoved(DateTimeOffset NewTime, string Venue) : IRehearsalEvent;

/// <summary>
/// Event aggregator for the choir's rehearsal planner. Members' devices subscribe and
/// unsubscribe at any time, including from inside a handler; publishing happens from the
/// web request that made the change.
/// </summary>
public sealed class RehearsalEventHub
{
    private readonly object _writeLock = new();
    private Subscription[] _subscriptions = Array.Empty<Subscription>();

    public IDisposable Subscribe<TEvent>(Action<TEvent> handler) where TEvent : IRehearsalEvent
    {
        var sub = new Subscription(this, typeof(TEvent), e => handler((TEvent)e));
        lock (_writeLock)
        {
            var next = new Subscription[_subscriptions.Length + 1];
            Array.Copy(_subscriptions, next, _subscriptions.Length);
            next[^1] = sub;
            Volatile.Write(ref _subscriptions, next);
        }
        return sub;
    }

    private void Unsubscribe(Subscription sub)
    {
        lock (_writeLock)
        {
            var current = _subscriptions;
            var idx = Array.IndexOf(current, sub);
            if (idx < 0)
                return;
            var next = new Subscription[current.Length - 1];
            Array.Copy(current, 0, next, 0, idx);
            Array.Copy(current, idx + 1, next, idx, current.Length - idx - 1);
            Volatile.Write(ref _subscriptions, next);
        }
    }

    public int Publish(IRehearsalEvent evt)
    {
        var snapshot = Volatile.Read(ref _subscriptions);
        var delivered = 0;
        foreach (var sub in snapshot)
        {
            if (!sub.EventType.IsInstanceOfType(evt))
                continue;
            sub.Handler(evt);
            delivered++;
        }
        return delivered;
    }

    private sealed class Subscription : IDisposable
    {
        private readonly RehearsalEventHub _hub;
        private int _disposed;

        public Subscription(RehearsalEventHub hub, Type eventType, Action<IRehearsalEvent> handler)
        {
            _hub = hub;
            EventType = eventType;
            Handler = handler;
        }

        public Type EventType { get; }
        public Action<IRehearsalEvent> Handler { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                _hub.Unsubscribe(this);
        }
    }
}

/// <summary>Pushes rehearsal changes to one member's phone until they leave the choir.</summary>
public sealed class MemberNotifier : IDisposable
{
    private readonly IDisposable _moved;
    private readonly IDisposable _parts;

    public MemberNotifier(RehearsalEventHub hub, string singer, Action<string> push)
    {
        _moved = hub.Subscribe<RehearsalMoved>(e => push($"Rehearsal moved to {e.NewTime:ddd HH:mm} at {e.Venue}"));
        _parts = hub.Subscribe<PartAssigned>(e =>
        {
            if (e.Singer == singer)
                push($"You're singing {e.Part} this term");
        });
    }

    public void Dispose()
    {
        _moved.Dispose();
        _parts.Dispose();
    }
}
