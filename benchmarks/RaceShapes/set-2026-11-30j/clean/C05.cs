using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Blind10.Webhooks.Delivery;

public sealed record WebhookDelivery(Uri Endpoint, string EventName, string Body, int Attempt);

public interface IWebhookSender
{
    Task<bool> SendAsync(WebhookDelivery delivery, CancellationToken ct);
}

/// <summary>
/// Delivers outgoing webhooks using several concurrent workers reading from one queue.
/// </summary>
public sealed class WebhookDispatcher
{
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>();
    private readonly ConcurrentDictionary<string, int> _deliveredByHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _failedByHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly IWebhookSender _sender;
    private readonly int _workers;

    public WebhookDispatcher(IWebhookSender sender, int workers)
    {
        _sender = sender;
        _workers = workers;
    }

    public bool Enqueue(WebhookDelivery delivery) => _queue.Writer.TryWrite(delivery);

    public void Complete() => _queue.Writer.TryComplete();

    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkerAsync(ct), ct)));

    public IReadOnlyDictionary<string, int> DeliveredByHost => new Dictionary<string, int>(_deliveredByHost);

    public IReadOnlyDictionary<string, int> FailedByHost => new Dictionary<string, int>(_failedByHost);

    private async Task WorkerAsync(CancellationToken ct)
    {
        while (await _queue.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var delivery))
            {
                bool ok;
                try
                {
                    ok = await _sender.SendAsync(delivery, ct).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                string host = delivery.Endpoint.Host;
                if (ok)
                {
                    _deliveredByHost.AddOrUpdate(host, 1, static (_, n) => n + 1);
                }
                else
                {
                    _failedByHost.AddOrUpdate(host, 1, static (_, n) => n + 1);
                    if (delivery.Attempt < 5)
                    {
                        _queue.Writer.TryWrite(delivery with { Attempt = delivery.Attempt + 1 });
                    }
                }
            }
        }
    }
}
