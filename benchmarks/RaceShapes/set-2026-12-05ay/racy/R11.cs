namespace Blind51.FilmArchives.Webhooks;

public interface IWebhookTransport
{
    Task<int> PostAsync(Uri endpoint, string jsonPayload, CancellationToken cancellationToken);
}

public sealed record RestorationEvent(string ReelId, string Stage, DateTimeOffset At);

/// <summary>
/// Notifies partner archives when a film reel moves through a restoration stage (cleaning,
/// scanning, grading). Registered as a singleton; the restoration workflow engine calls
/// <see cref="NotifyAsync"/> from many concurrent workflow steps.
/// </summary>
public sealed class RestorationWebhookSender
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(250);

    private readonly IWebhookTransport _transport;
    private readonly Uri _endpoint;
    private int _attempt;
    private long _delivered;
    private long _abandoned;

    public RestorationWebhookSender(IWebhookTransport transport, Uri endpoint)
    {
        _transport = transport;
        _endpoint = endpoint;
    }

    public long Delivered => Interlocked.Read(ref _delivered);
    public long Abandoned => Interlocked.Read(ref _abandoned);

    public async Task<bool> NotifyAsync(RestorationEvent evt, CancellationToken cancellationToken)
    {
        var payload = $"{{\"reel\":\"{evt.ReelId}\",\"stage\":\"{evt.Stage}\",\"at\":\"{evt.At:O}\"}}";
        _attempt = 0;

        while (true)
        {
            _attempt++;
            int status;
            try
            {
                status = await _transport.PostAsync(_endpoint, payload, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                status = 0;
            }

            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref _delivered);
                return true;
            }

            bool retryable = status == 0 || status == 429 || status >= 500;
            if (!retryable || _attempt >= MaxAttempts)
            {
                Interlocked.Increment(ref _abandoned);
                return false;
            }

            var delay = TimeSpan.FromTicks(BaseDelay.Ticks << (_attempt - 1));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// Fans a batch of stage changes out to the partner webhook.
/// </summary>
public static class RestorationNotifications
{
    public static async Task<int> NotifyAllAsync(RestorationWebhookSender sender, IEnumerable<RestorationEvent> events, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(events.Select(e => sender.NotifyAsync(e, cancellationToken))).ConfigureAwait(false);
        return results.Count(delivered => delivered);
    }
}
