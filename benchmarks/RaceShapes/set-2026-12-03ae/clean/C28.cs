using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Blind31.ModelRailwayClubs.Messaging;

public abstract record LayoutEvent(DateTime AtUtc);

public sealed record SignalChanged(DateTime AtUtc, string Signal, string Aspect) : LayoutEvent(AtUtc);

public sealed record TrainDetected(DateTime AtUtc, string Block, int Locomotive) : LayoutEvent(AtUtc);

/// <summary>
/// In-process message bus connecting the club layout's DCC command station, block detectors
/// and the signal box display. Events are published from the detector polling threads.
/// </summary>
public sealed class LayoutEventBus
{
    private readonly ConcurrentDictionary<Type, ImmutableArray<Action<LayoutEvent>>> _handlers = new();
    private long _published;

    public long Published => Interlocked.Read(ref _published);

    public IDisposable Subscribe<TEvent>(Action<TEvent> handler) where TEvent : LayoutEvent
    {
        Action<LayoutEvent> wrapper = e => handler((TEvent)e);
        _handlers.AddOrUpdate(
            typeof(TEvent),
            _ => ImmutableArray.Create(wrapper),
            (_, existing) => existing.Add(wrapper));

        return new Subscription(() => _handlers.AddOrUpdate(
            typeof(TEvent),
            _ => ImmutableArray<Action<LayoutEvent>>.Empty,
            (_, existing) => existing.Remove(wrapper)));
    }

    public void Publish(LayoutEvent layoutEvent)
    {
        Interlocked.Increment(ref _published);
        if (_handlers.TryGetValue(layoutEvent.GetType(), out var handlers))
        {
            foreach (var handler in handlers)
            {
                handler(layoutEvent);
            }
        }
    }

    private sealed class Subscription : IDisposable
    {
        private Action? _unsubscribe;

        public Subscription(Action unsubscribe) => _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}

/// <summary>Keeps block occupancy for the signal box display.</summary>
public sealed class BlockOccupancy : IDisposable
{
    private readonly ConcurrentDictionary<string, int> _occupiedBy = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDisposable _subscription;
    private int _detections;

    public BlockOccupancy(LayoutEventBus bus)
    {
        _subscription = bus.Subscribe<TrainDetected>(OnTrainDetected);
    }

    public int Detections => Volatile.Read(ref _detections);

    public int? LocomotiveIn(string block) => _occupiedBy.TryGetValue(block, out var loco) ? loco : null;

    private void OnTrainDetected(TrainDetected e)
    {
        _occupiedBy[e.Block] = e.Locomotive;
        Interlocked.Increment(ref _detections);
    }

    public void Dispose() => _subscription.Dispose();
}
