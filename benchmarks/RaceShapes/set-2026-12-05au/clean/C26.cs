using System.Collections.Generic;
using System.Net.Http.Json;

namespace Blind47.Orchids.Webhooks;

public sealed record BloomNotice(string PlantId, string Species, DateTime FirstBloom);

public sealed record DeliveryResult(Uri Endpoint, bool Delivered, int Attempts, string? Error);

/// <summary>
/// Sends "now in bloom" notices to subscribed florists. Each subscriber gets its
/// own delivery with retries; results are gathered for the nursery's audit log.
/// </summary>
public sealed class BloomWebhookDispatcher
{
    private readonly HttpClient _http;
    private readonly int _maxAttempts;

    public BloomWebhookDispatcher(HttpClient http, int maxAttempts = 3)
    {
        _http = http;
        _maxAttempts = maxAttempts;
    }

    public async Task<DeliveryResult[]> DispatchAsync(BloomNotice notice, IReadOnlyList<Uri> subscribers, CancellationToken ct)
    {
        var results = new DeliveryResult[subscribers.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct };

        await Parallel.ForEachAsync(Enumerable.Range(0, subscribers.Count), options, async (index, token) =>
        {
            results[index] = await DeliverAsync(subscribers[index], notice, token);
        });

        return results;
    }

    private async Task<DeliveryResult> DeliverAsync(Uri endpoint, BloomNotice notice, CancellationToken ct)
    {
        string? lastError = null;
        for (var attempt = 1; attempt <= _maxAttempts; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync(endpoint, notice, ct);
                if (response.IsSuccessStatusCode)
                {
                    return new DeliveryResult(endpoint, true, attempt, null);
                }

                lastError = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                lastError = ex.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
        }

        return new DeliveryResult(endpoint, false, _maxAttempts, lastError);
    }
}

public static class BloomAudit
{
    public static string Summarise(IEnumerable<DeliveryResult> results)
    {
        var list = results.ToList();
        var failed = list.Where(r => !r.Delivered).Select(r => r.Endpoint.Host);
        return $"{list.Count(r => r.Delivered)}/{list.Count} delivered; failed: {string.Join(", ", failed)}";
    }
}
