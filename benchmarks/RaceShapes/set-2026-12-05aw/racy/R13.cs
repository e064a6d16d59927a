using System.Net;
using System.Net.Http.Json;

namespace GlassRecycling.Pricing;

public sealed record CulletPrice(string Grade, decimal PerTonne, DateTime QuotedUtc);

/// <summary>
/// Client for the cullet buyers' pricing API. Registered as a singleton; every weighbridge
/// station asks it for the current price when a load is graded.
/// </summary>
public sealed class CulletPriceClient
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(200);

    private readonly HttpClient _http;
    private int _attempt;
    private long _totalRetries;

    public CulletPriceClient(HttpClient http)
    {
        _http = http;
    }

    public long TotalRetries => Interlocked.Read(ref _totalRetries);

    public async Task<CulletPrice> GetPriceAsync(string grade, CancellationToken ct)
    {
        _attempt = 0;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync($"prices/{Uri.EscapeDataString(grade)}", ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests ||
                    response.StatusCode >= HttpStatusCode.InternalServerError)
                {
                    throw new HttpRequestException($"Pricing API returned {(int)response.StatusCode}");
                }
                response.EnsureSuccessStatusCode();
                var price = await response.Content.ReadFromJsonAsync<CulletPrice>(cancellationToken: ct);
                return price ?? throw new InvalidOperationException("Empty price response");
            }
            catch (HttpRequestException) when (_attempt < MaxAttempts - 1)
            {
                _attempt++;
                Interlocked.Increment(ref _totalRetries);
                await Task.Delay(Backoff(_attempt), ct);
            }
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        double jitter = Random.Shared.NextDouble() * 0.2 + 0.9;
        return TimeSpan.FromMilliseconds(BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * jitter);
    }
}

/// <summary>Grades a load at the weighbridge and prices it.</summary>
public sealed class WeighbridgeStation
{
    private readonly CulletPriceClient _prices;

    public WeighbridgeStation(CulletPriceClient prices)
    {
        _prices = prices;
    }

    public async Task<decimal> SettleLoadAsync(string grade, double tonnes, CancellationToken ct)
    {
        var price = await _prices.GetPriceAsync(grade, ct);
        return Math.Round(price.PerTonne * (decimal)tonnes, 2);
    }
}
