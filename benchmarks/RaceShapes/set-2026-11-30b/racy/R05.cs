namespace Blind2.R05;

/// <summary>
/// Token-bucket limiter for outbound calls to a partner API. One instance
/// exists per partner and every request handler that calls the partner goes
/// through it. Tokens are topped up ten times a second.
/// </summary>
public sealed class PartnerApiRateLimiter : IDisposable
{
    private readonly object _gate = new();
    private readonly double _capacity;
    private readonly double _tokensPerTick;
    private readonly Timer _refillTimer;
    private double _tokens;
    private long _rejected;

    public PartnerApiRateLimiter(int requestsPerSecond, int burst)
    {
        _capacity = burst;
        _tokens = burst;
        _tokensPerTick = requestsPerSecond / 10.0;
        _refillTimer = new Timer(_ => Refill(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    public long RejectedCount => Interlocked.Read(ref _rejected);

    public double AvailableTokens
    {
        get
        {
            lock (_gate)
                return _tokens;
        }
    }

    public bool TryAcquire(int permits = 1)
    {
        lock (_gate)
        {
            if (_tokens >= permits)
            {
                _tokens -= permits;
                return true;
            }
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken ct)
    {
        while (!TryAcquire())
            await Task.Delay(50, ct).ConfigureAwait(false);

        return await client.SendAsync(request, ct).ConfigureAwait(false);
    }

    private void Refill()
    {
        var next = _tokens + _tokensPerTick;
        _tokens = next > _capacity ? _capacity : next;
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed class PartnerClient
{
    private readonly HttpClient _http;
    private readonly PartnerApiRateLimiter _limiter;

    public PartnerClient(HttpClient http, PartnerApiRateLimiter limiter)
    {
        _http = http;
        _limiter = limiter;
    }

    public async Task<string> GetQuoteAsync(string sku, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"quotes/{Uri.EscapeDataString(sku)}");
        using var response = await _limiter.SendAsync(_http, request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }
}
