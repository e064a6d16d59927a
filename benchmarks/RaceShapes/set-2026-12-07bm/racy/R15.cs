using System.Net;
using System.Net.Http;

namespace Blind65.KiteSurfing.Forecasts;

/// <summary>
/// Keeps calls to the wind forecast provider under its published limit of
/// <c>requestsPerSecond</c>. Added to the named "forecast" HttpClient, whose
/// handler chain is shared by every request the app makes to the provider.
/// </summary>
public sealed class ForecastRateLimitHandler : DelegatingHandler
{
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private readonly SemaphoreSlim _concurrency;
    private double _tokens;
    private long _lastRefillTicks;

    public ForecastRateLimitHandler(double requestsPerSecond, int maxConcurrent)
    {
        _capacity = requestsPerSecond;
        _refillPerSecond = requestsPerSecond;
        _tokens = requestsPerSecond;
        _lastRefillTicks = Environment.TickCount64;
        _concurrency = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!TryTakeToken())
        {
            return new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                RequestMessage = request,
                ReasonPhrase = "Local forecast rate limit reached",
            };
        }

        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private bool TryTakeToken()
    {
        var now = Environment.TickCount64;
        var elapsedSeconds = (now - _lastRefillTicks) / 1000.0;
        _tokens = Math.Min(_capacity, _tokens + elapsedSeconds * _refillPerSecond);
        _lastRefillTicks = now;

        if (_tokens < 1)
        {
            return false;
        }
        _tokens -= 1;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _concurrency.Dispose();
        }
        base.Dispose(disposing);
    }
}

public sealed class SpotForecastClient
{
    private readonly HttpClient _http;

    public SpotForecastClient(HttpClient http) => _http = http;

    public Task<string> GetWindAsync(string spot, CancellationToken token) =>
        _http.GetStringAsync($"wind?spot={Uri.EscapeDataString(spot)}", token);
}
