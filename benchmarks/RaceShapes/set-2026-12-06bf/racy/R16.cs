using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Blind58.UmbrellaRepairWebhooks;

public sealed record RepairTicket(string TicketId, string CustomerEmail, string Model, decimal Price, DateTimeOffset ReadyAt);

/// <summary>
/// Notifies partner shops (the ones that take in umbrellas on the menders' behalf) when a
/// repair is ready for collection. Registered as a singleton; the workshop app calls
/// <see cref="NotifyRepairReady"/> as each repair is signed off.
/// </summary>
public sealed class RepairWebhookDeliverer
{
    private static readonly TimeSpan[] s_backoff = { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30) };

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly SemaphoreSlim _concurrency = new(4, 4);
    private long _failedDeliveries;

    public RepairWebhookDeliverer(HttpClient http, IReadOnlyList<Uri> endpoints)
    {
        _http = http;
        _endpoints = endpoints;
    }

    public long FailedDeliveries => Interlocked.Read(ref _failedDeliveries);

    public void NotifyRepairReady(RepairTicket ticket)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            string json = JsonSerializer.Serialize(ticket);
            int length = Encoding.UTF8.GetBytes(json, 0, json.Length, buffer, 0);
            foreach (var endpoint in _endpoints)
            {
                _ = DeliverAsync(endpoint, buffer, length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task DeliverAsync(Uri endpoint, byte[] buffer, int length)
    {
        await _concurrency.WaitAsync().ConfigureAwait(false);
        try
        {
            string payload = Encoding.UTF8.GetString(buffer, 0, length);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    using var content = new StringContent(payload, Encoding.UTF8);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await _http.PostAsync(endpoint, content).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (attempt >= s_backoff.Length)
                {
                    Interlocked.Increment(ref _failedDeliveries);
                    return;
                }

                await Task.Delay(s_backoff[attempt]).ConfigureAwait(false);
            }
        }
        finally
        {
            _concurrency.Release();
        }
    }
}
