namespace Social.FanOut;

public sealed record Notification(string AuthorId, string FollowerId, string Kind, string PostId);

/// <summary>
/// Delivers a new post notification to every follower's devices. Delivery runs in parallel;
/// the <see cref="Delivered"/> event is raised from the delivery workers.
/// </summary>
public sealed class NotificationHub
{
    private readonly object _subscribersLock = new();
    private readonly Func<Notification, CancellationToken, ValueTask<bool>> _push;
    private EventHandler<Notification>? _delivered;

    public NotificationHub(Func<Notification, CancellationToken, ValueTask<bool>> push) => _push = push;

    public event EventHandler<Notification> Delivered
    {
        add
        {
            lock (_subscribersLock)
            {
                _delivered += value;
            }
        }
        remove
        {
            lock (_subscribersLock)
            {
                _delivered -= value;
            }
        }
    }

    public Task FanOutAsync(string authorId, string postId, IEnumerable<string> followers, CancellationToken token)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = token };
        return Parallel.ForEachAsync(followers, options, async (follower, ct) =>
        {
            var notification = new Notification(authorId, follower, "new-post", postId);
            if (await _push(notification, ct).ConfigureAwait(false))
            {
                OnDelivered(notification);
            }
        });
    }

    private void OnDelivered(Notification notification)
    {
        EventHandler<Notification>? handler;
        lock (_subscribersLock)
        {
            handler = _delivered;
        }

        handler?.Invoke(this, notification);
    }
}

/// <summary>Delivery metrics exported to the monitoring system.</summary>
public sealed class DeliveryMetrics
{
    private long _delivered;

    public DeliveryMetrics(NotificationHub hub) => hub.Delivered += (_, _) => Interlocked.Increment(ref _delivered);

    public long Delivered => Interlocked.Read(ref _delivered);
}
