using System.Net.Http.Json;

namespace Blind.R09;

public sealed record WebhookSubscription(string Id, Uri CallbackUrl);

public sealed record FailedDelivery(string SubscriptionId, string EventType, string Reason, DateTimeOffset At);

public sealed record DispatchResult(int Delivered, IReadOnlyList<FailedDelivery> Failures);

/// <summary>
/// Delivers an event to every webhook subscriber. Failed deliveries are collected so
/// the retry job can pick them up later.
/// </summary>
public sealed class WebhookDispatcher
{
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public WebhookDispatcher(HttpClient http, TimeSpan timeout)
    {
        _http = http;
        _timeout = timeout;
    }

    public async Task<DispatchResult> DispatchAsync(
        string eventType, object payload, IReadOnlyList<WebhookSubscription> subscribers, CancellationToken ct)
    {
        int delivered = 0;
        var failures = new List<FailedDelivery>();

        async Task DeliverAsync(WebhookSubscription subscription)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(_timeout);
            try
            {
                using var response = await _http
                    .PostAsJsonAsync(subscription.CallbackUrl, new { type = eventType, data = payload }, cts.Token)
                    .ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref delivered);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                failures.Add(new FailedDelivery(subscription.Id, eventType, ex.Message, DateTimeOffset.UtcNow));
            }
        }

        await Task.WhenAll(subscribers.Select(DeliverAsync)).ConfigureAwait(false);
        return new DispatchResult(delivered, failures);
    }
}
