using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Blind58.UmbrellaPartnerWebhooks;

public sealed record CollectionNotice(string TicketId, string Shop, string Model, DateTimeOffset ReadyAt);

/// <summary>
/// Sends "ready for collection" webhooks to partner shops for the umbrella menders, with
/// retry and jittered exponential backoff. A singleton used by the workshop app.
/// </summary>
public sealed class CollectionWebhookSender
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly int _maxAttempts;
    private long _failures;

    public CollectionWebhookSender(HttpClient http, IReadOnlyList<Uri> endpoints, int maxAttempts = 4)
    {
        _http = http;
        _endpoints = endpoints;
        _maxAttempts = maxAttempts;
    }

    public long Failures => Interlocked.Read(ref _failures);

    public async Task NotifyAsync(CollectionNotice notice, CancellationToken cancellationToken = default)
    {
        string json = JsonSerializer.Serialize(notice);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(json, 0, json.Length, buffer, 0);
            var body = new ReadOnlyMemory<byte>(buffer, 0, length);
            var deliveries = _endpoints.Select(endpoint => DeliverWithRetryAsync(endpoint, body, cancellationToken));
            await Task.WhenAll(deliveries).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Fire-and-forget variant used when the workshop app should not wait.</summary>
    public void QueueNotify(CollectionNotice notice)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await NotifyAsync(notice).ConfigureAwait(false);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failures);
            }
        });
    }

    private async Task DeliverWithRetryAsync(Uri endpoint, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new ReadOnlyMemoryContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(endpoint, content, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }

            if (attempt >= _maxAttempts)
            {
                Interlocked.Increment(ref _failures);
                return;
            }

            var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
            await Task.Delay(delay + jitter, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }
}
