using System;
using System.Collections.Immutable;
using System.Threading;

namespace Blind52.CircusRigging.Alerts;

public abstract record RiggingAlert(string PointId, DateTimeOffset At);

public sealed record LoadCellOverload(string PointId, DateTimeOffset At, double Kilonewtons) : RiggingAlert(PointId, At);

public sealed record ShackleInspectionDue(string PointId, DateTimeOffset At, int DaysOverdue) : RiggingAlert(PointId, At);

/// <summary>
/// In-process event aggregator for the big top's rigging monitor. Load-cell
/// readers publish from their own threads; the ring master's console, the
/// safety log and the SMS notifier subscribe and unsubscribe at any time.
/// </summary>
public sealed class RiggingAlertAggregator
{
    private ImmutableList<Subscription> _subscriptions = ImmutableList<Subscription>.Empty;

    public IDisposable Subscribe<TAlert>(Action<TAlert> handler)
        where TAlert : RiggingAlert
    {
        var subscription = new Subscription(this, typeof(TAlert), alert => handler((TAlert)alert));
        ImmutableInterlocked.Update(ref _subscriptions, static (list, s) => list.Add(s), subscription);
        return subscription;
    }

    public int Publish(RiggingAlert alert)
    {
        int delivered = 0;
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (subscription.AlertType.IsInstanceOfType(alert))
            {
                subscription.Deliver(alert);
                delivered++;
            }
        }

        return delivered;
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, static (list, s) => list.Remove(s), subscription);

    private sealed class Subscription : IDisposable
    {
        private readonly RiggingAlertAggregator _owner;
        private readonly Action<RiggingAlert> _deliver;
        private int _disposed;

        public Subscription(RiggingAlertAggregator owner, Type alertType, Action<RiggingAlert> deliver)
        {
            _owner = owner;
            AlertType = alertType;
            _deliver = deliver;
        }

        public Type AlertType { get; }

        public void Deliver(RiggingAlert alert) => _deliver(alert);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Remove(this);
            }
        }
    }
}

/// <summary>
/// Shows overloads on the ring master's console for the duration of an act.
/// </summary>
public sealed class RingMasterConsole : IDisposable
{
    private readonly IDisposable _overloads;
    private int _overloadCount;

    public RingMasterConsole(RiggingAlertAggregator aggregator, Action<string> show)
    {
        _overloads = aggregator.Subscribe<LoadCellOverload>(a =>
        {
            int n = Interlocked.Increment(ref _overloadCount);
            show($"#{n} OVERLOAD at {a.PointId}: {a.Kilonewtons:F1} kN");
        });
    }

    public int OverloadCount => Volatile.Read(ref _overloadCount);

    public void Dispose() => _overloads.Dispose();
}
