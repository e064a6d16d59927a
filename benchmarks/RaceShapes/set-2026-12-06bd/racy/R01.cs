namespace Blind56.Radio.ShowAlerts;

public sealed record ShowAlert(string StationId, string ShowName, DateTimeOffset StartsAt, string Message);

public interface IAlertSubscriber
{
    string ListenerId { get; }

    Task DeliverAsync(ShowAlert alert, CancellationToken cancellationToken);
}

/// <summary>
/// Fans out "your show starts soon" alerts to listeners who follow a programme.
/// Registered as an app-wide singleton: the listener app calls Follow and Unfollow
/// from request threads while the schedule worker calls PublishAsync.
/// </summary>
public sealed class ShowAlertHub
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<IAlertSubscriber>> _followers =
        new(StringComparer.OrdinalIgnoreCase);
    private long _delivered;

    public void Follow(string showName, IAlertSubscriber subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_gate)
        {
            if (!_followers.TryGetValue(showName, out var list))
            {
                list = new List<IAlertSubscriber>();
                _followers[showName] = list;
            }

            if (!list.Exists(s => s.ListenerId == subscriber.ListenerId))
            {
                list.Add(subscriber);
            }
        }
    }

    public bool Unfollow(string showName, string listenerId)
    {
        lock (_gate)
        {
            if (!_followers.TryGetValue(showName, out var list))
            {
                return false;
            }

            int removed = list.RemoveAll(s => s.ListenerId == listenerId);
            if (list.Count == 0)
            {
                _followers.Remove(showName);
            }

            return removed > 0;
        }
    }

    public int FollowerCount(string showName)
    {
        lock (_gate)
        {
            return _followers.TryGetValue(showName, out var list) ? list.Count : 0;
        }
    }

    public async Task<int> PublishAsync(ShowAlert alert, CancellationToken cancellationToken)
    {
        List<IAlertSubscriber>? list;
        lock (_gate)
        {
            _followers.TryGetValue(alert.ShowName, out list);
        }

        if (list is null)
        {
            return 0;
        }

        var deliveries = new List<Task>();
        foreach (var subscriber in list)
        {
            deliveries.Add(DeliverSafelyAsync(subscriber, alert, cancellationToken));
        }

        await Task.WhenAll(deliveries).ConfigureAwait(false);
        Interlocked.Add(ref _delivered, deliveries.Count);
        return deliveries.Count;
    }

    public long DeliveredCount => Interlocked.Read(ref _delivered);

    private static async Task DeliverSafelyAsync(IAlertSubscriber subscriber, ShowAlert alert, CancellationToken ct)
    {
        try
        {
            await subscriber.DeliverAsync(alert, ct).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // A listener with a dead push token should not stop the others.
        }
    }
}
