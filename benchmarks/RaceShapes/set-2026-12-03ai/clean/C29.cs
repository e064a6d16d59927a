using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace Blind35.Snowshoe.Webhooks;

public sealed record TrekBookedEvent(string BookingId, string Guide, DateOnly Date, int Party);

/// <summary>
/// Sends booking webhooks to partner lodges with retries. Singleton; booking requests call
/// <see cref="SendAsync"/> concurrently. Delivery statistics are exposed on the health page.
/// </summary>
public sealed class LodgeWebhookSender
{
    private static readonly TimeSpan[] Backoff =
    {
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(15),
    };

    private readonly HttpClient _http;
    private readonly ILogger<LodgeWebhookSender> _logger;
    private int _delivered;
    private int _failed;
    private int _retries;

    public LodgeWebhookSender(HttpClient http, ILogger<LodgeWebhookSender> logger)
    {
        _http = http;
        _logger = logger;
    }

    public (int Delivered, int Failed, int Retries) Stats =>
        (Volatile.Read(ref _delivered), Volatile.Read(ref _failed), Volatile.Read(ref _retries));

    public async Task<bool> SendAsync(Uri endpoint, TrekBookedEvent booking, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync(endpoint, booking, ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _delivered);
                    return true;
                }

                if ((int)response.StatusCode < 500)
                {
                    _logger.LogWarning("Lodge {Endpoint} rejected {Booking}: {Status}", endpoint, booking.BookingId, response.StatusCode);
                    break;
                }
            }
            catch (HttpRequestException ex)
            {
                _logger.LogInformation(ex, "Attempt {Attempt} to {Endpoint} failed", attempt + 1, endpoint);
            }

            if (attempt >= Backoff.Length)
            {
                break;
            }

            Interlocked.Increment(ref _retries);
            await Task.Delay(Backoff[attempt], ct).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _failed);
        return false;
    }

    public async Task<int> FanOutAsync(IEnumerable<Uri> lodges, TrekBookedEvent booking, CancellationToken ct)
    {
        var results = await Task.WhenAll(lodges.Select(l => SendAsync(l, booking, ct))).ConfigureAwait(false);
        return results.Count(ok => ok);
    }
}
