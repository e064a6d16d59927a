using System.Net;
using System.Net.Http;

namespace Blind65.KiteSurfing.Tides;

/// <summary>
/// Token-bucket limiter for the tide table provider. Sits in the named
/// "tides" HttpClient pipeline, so every request the app makes passes through it.
/// </summary>
public sealed class TideApiThrottleHandler : DelegatingHandler
{
    private readonly object _bucketLock = new();
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private readonly SemaphoreSlim _inFlight;
    private double _tokens;
    private long _lastRefill;

    public TideApiThrottleHandler(double perSecond, int maxInFlight)
    {
        _capacity = perSecond;
        _refillPerSecond = perSecond;
        _tokens = perSecond;
        _lastRefill = Environment.TickCount64;
        _inFlight = new SemaphoreSlim(maxInFlight, maxInFlight);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!TryTake())
        {
            return new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
        }

        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private bool TryTake()
    {
        lock (_bucketLock)
        {
            var now = Environment.TickCount64;
            _tokens = Math.Min(_capacity, _tokens + (now - _lastRefill) / 1000.0 * _refillPerSecond);
            _lastRefill = now;
            if (_tokens < 1)
            {
                return false;
            }
            _tokens -= 1;
            return true;
        }
    }

    public double AvailableTokens
    {
        get
        {
            lock (_bucketLock)
            {
                return _tokens;
            }
        }
    }
}

public sealed class TideTableClient
{
    private readonly HttpClient _http;

    public TideTableClient(HttpClient http) => _http = http;

    public Task<string> GetHighWaterAsync(string beach, DateOnly day, CancellationToken token) =>
        _http.GetStringAsync($"tides/{Uri.EscapeDataString(beach)}/{day:yyyy-MM-dd}", token);
}
