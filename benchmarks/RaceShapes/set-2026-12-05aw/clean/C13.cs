using System.Net;
using System.Net.Http.Json;

namespace GlassRecycling.Haulage;

public sealed record CollectionSlot(string Site, DateTime StartUtc, string Lorry);

/// <summary>
/// Client for the haulage partner's booking API. Registered as a singleton and called by every
/// bottle-bank site that needs a collection. Retry state lives in each call.
/// </summary>
public sealed class HaulageBookingClient
{
    private const int MaxAttempts = 5;
    private readonly HttpClient _http;
    private long _retries;
    private long _bookings;

    public HaulageBookingClient(HttpClient http)
    {
        _http = http;
    }

    public long Retries => Interlocked.Read(ref _retries);
    public long Bookings => Interlocked.Read(ref _bookings);

    public async Task<CollectionSlot> BookCollectionAsync(string site, DateOnly day, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync("collections", new { site, day }, ct);
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                {
                    throw new HttpRequestException("Haulage API busy", null, response.StatusCode);
                }
                response.EnsureSuccessStatusCode();
                var slot = await response.Content.ReadFromJsonAsync<CollectionSlot>(cancellationToken: ct)
                    ?? throw new InvalidOperationException("Empty booking response");
                Interlocked.Increment(ref _bookings);
                return slot;
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(delay, ct);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 8000));
            }
        }
    }
}

/// <summary>Books collections for every bottle bank that is nearly full.</summary>
public sealed class BottleBankSweep
{
    private readonly HaulageBookingClient _client;

    public BottleBankSweep(HaulageBookingClient client) => _client = client;

    public async Task<IReadOnlyList<CollectionSlot>> RunAsync(IEnumerable<(string Site, double FillRatio)> banks,
        DateOnly day, CancellationToken ct)
    {
        var due = banks.Where(b => b.FillRatio > 0.8).Select(b => b.Site).ToList();
        var slots = new CollectionSlot[due.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, due.Count), ct, async (i, token) =>
        {
            slots[i] = await _client.BookCollectionAsync(due[i], day, token);
        });
        return slots;
    }
}
