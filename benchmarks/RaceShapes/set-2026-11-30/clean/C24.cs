using System.Net.Http.Json;

namespace Blind.C24;

public sealed record NotificationTarget(string Id, Uri Endpoint);

public sealed record DeliveryOutcome(string TargetId, bool Success, string? Error, DateTimeOffset At);

public sealed record BroadcastResult(int Delivered, IReadOnlyList<DeliveryOutcome> Failures);

/// <summary>
/// Pushes a notification to every registered endpoint and reports which ones failed
/// so the retry job can pick them up.
/// </summary>
public sealed class NotificationBroadcaster
{
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public NotificationBroadcaster(HttpClient http, TimeSpan timeout)
    {
        _http = http;
        _timeout = timeout;
    }

    public async Task<BroadcastResult> BroadcastAsync(
        string kind, object body, IReadOnlyList<NotificationTarget> targets, CancellationToken ct)
    {
        async Task<DeliveryOutcome> DeliverAsync(NotificationTarget target)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(_timeout);
            try
            {
                using var response = await _http
                    .PostAsJsonAsync(target.Endpoint, new { kind, body }, cts.Token)
                    .ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                return new DeliveryOutcome(target.Id, true, null, DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return new DeliveryOutcome(target.Id, false, ex.Message, DateTimeOffset.UtcNow);
            }
        }

        var outcomes = await Task.WhenAll(targets.Select(DeliverAsync)).ConfigureAwait(false);

        var failures = new List<DeliveryOutcome>();
        int delivered = 0;
        foreach (var outcome in outcomes)
        {
            if (outcome.Success)
            {
                delivered++;
            }
            else
            {
                failures.Add(outcome);
            }
        }

        return new BroadcastResult(delivered, failures);
    }
}
