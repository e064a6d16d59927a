using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Blind66.Beekeeping.Events;

public abstract record ApiaryEvent(string HiveId, DateTimeOffset At);

public sealed record SwarmAlert(string HiveId, DateTimeOffset At, double WeightDropKg) : ApiaryEvent(HiveId, At);

public sealed record QueenMissing(string HiveId, DateTimeOffset At) : ApiaryEvent(HiveId, At);

/// <summary>
/// Event aggregator for the beekeeping cooperative's hive monitors. Hive scale and acoustic
/// sensors publish from their own threads; dashboards and the SMS notifier subscribe and
/// unsubscribe at any time, including from inside a handler.
/// </summary>
public sealed class ApiaryEventAggregator
{
    private readonly object _writeGate = new();
    private readonly ILogger<ApiaryEventAggregator> _logger;
    private ImmutableList<Subscription> _subscriptions = ImmutableList<Subscription>.Empty;

    public ApiaryEventAggregator(ILogger<ApiaryEventAggregator> logger) => _logger = logger;

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Count;

    public IDisposable Subscribe<TEvent>(Action<TEvent> handler) where TEvent : ApiaryEvent
    {
        var subscription = new Subscription(this, typeof(TEvent), e => handler((TEvent)e));
        lock (_writeGate)
        {
            Volatile.Write(ref _subscriptions, _subscriptions.Add(subscription));
        }

        return subscription;
    }

    public void Publish(ApiaryEvent apiaryEvent)
    {
        var snapshot = Volatile.Read(ref _subscriptions);
        foreach (var subscription in snapshot)
        {
            if (!subscription.EventType.IsInstanceOfType(apiaryEvent))
            {
                continue;
            }

            try
            {
                subscription.Handler(apiaryEvent);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Subscriber failed for {Event} on hive {Hive}", apiaryEvent.GetType().Name, apiaryEvent.HiveId);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_writeGate)
        {
            Volatile.Write(ref _subscriptions, _subscriptions.Remove(subscription));
        }
    }

    private sealed class Subscription : IDisposable
    {
        private ApiaryEventAggregator? _owner;

        public Subscription(ApiaryEventAggregator owner, Type eventType, Action<ApiaryEvent> handler)
        {
            _owner = owner;
            EventType = eventType;
            Handler = handler;
        }

        public Type EventType { get; }

        public Action<ApiaryEvent> Handler { get; }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Remove(this);
    }
}
