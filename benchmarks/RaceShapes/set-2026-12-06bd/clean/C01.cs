using System.Collections.Immutable;

namespace Blind56.Aquarium.WaterAlerts;

public sealed record WaterQualityAlert(string TankId, string Parameter, double Value, DateTimeOffset MeasuredAt);

/// <summary>
/// Fans out water quality alerts (ammonia, nitrite, temperature) from the tank sensors
/// to staff handsets. Registered as a singleton: staff devices subscribe and
/// unsubscribe from request threads while the sensor poller publishes.
/// </summary>
public sealed class TankAlertFanOut
{
    private ImmutableList<Subscription> _subscriptions = ImmutableList<Subscription>.Empty;

    public IDisposable Subscribe(string tankId, Func<WaterQualityAlert, CancellationToken, Task> handler)
    {
        var subscription = new Subscription(this, tankId, handler);
        ImmutableInterlocked.Update(ref _subscriptions, static (list, s) => list.Add(s), subscription);
        return subscription;
    }

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Count;

    public async Task<int> PublishAsync(WaterQualityAlert alert, CancellationToken ct)
    {
        ImmutableList<Subscription> snapshot = Volatile.Read(ref _subscriptions);
        var deliveries = new List<Task>(snapshot.Count);
        foreach (var subscription in snapshot)
        {
            if (subscription.IsActive && subscription.Matches(alert))
            {
                deliveries.Add(subscription.DeliverAsync(alert, ct));
            }
        }

        await Task.WhenAll(deliveries).ConfigureAwait(false);
        return deliveries.Count;
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, static (list, s) => list.Remove(s), subscription);

    private sealed class Subscription : IDisposable
    {
        private readonly TankAlertFanOut _owner;
        private readonly string _tankId;
        private readonly Func<WaterQualityAlert, CancellationToken, Task> _handler;
        private int _disposed;

        public Subscription(TankAlertFanOut owner, string tankId, Func<WaterQualityAlert, CancellationToken, Task> handler)
        {
            _owner = owner;
            _tankId = tankId;
            _handler = handler;
        }

        public bool IsActive => Volatile.Read(ref _disposed) == 0;

        public bool Matches(WaterQualityAlert alert) =>
            _tankId == "*" || string.Equals(_tankId, alert.TankId, StringComparison.OrdinalIgnoreCase);

        public async Task DeliverAsync(WaterQualityAlert alert, CancellationToken ct)
        {
            try
            {
                await _handler(alert, ct).ConfigureAwait(false);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // A handset that has gone out of range should not hold up the others.
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Remove(this);
            }
        }
    }
}
