namespace Blind66.ReindeerHerding.HerdApi;

/// <summary>
/// Keeps calls to the national reindeer-registry API within its published limits: a token
/// bucket for the request rate and a cap on concurrent requests. One handler instance sits in
/// the pipeline of the named HttpClient and is shared by all requests made through it.
/// </summary>
public sealed class RegistryRateLimitHandler : DelegatingHandler
{
    private readonly object _bucketGate = new();
    private readonly SemaphoreSlim _concurrency;
    private readonly TimeProvider _clock;
    private readonly double _tokensPerSecond;
    private readonly double _burst;
    private readonly TimeSpan _perRequestTimeout;
    private double _tokens;
    private long _lastRefill;
    private long _throttled;

    public RegistryRateLimitHandler(TimeProvider clock, double tokensPerSecond = 5, int burst = 10, int maxConcurrent = 4)
    {
        _clock = clock;
        _tokensPerSecond = tokensPerSecond;
        _burst = burst;
        _tokens = burst;
        _lastRefill = clock.GetTimestamp();
        _concurrency = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _perRequestTimeout = TimeSpan.FromSeconds(20);
    }

    public long ThrottledCount => Interlocked.Read(ref _throttled);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await WaitForTokenAsync(cancellationToken).ConfigureAwait(false);
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_perRequestTimeout);
            return await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async Task WaitForTokenAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_bucketGate)
            {
                var now = _clock.GetTimestamp();
                var elapsed = _clock.GetElapsedTime(_lastRefill, now).TotalSeconds;
                _tokens = Math.Min(_burst, _tokens + elapsed * _tokensPerSecond);
                _lastRefill = now;

                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }

                wait = TimeSpan.FromSeconds((1 - _tokens) / _tokensPerSecond);
            }

            Interlocked.Increment(ref _throttled);
            await Task.Delay(wait, _clock, ct).ConfigureAwait(false);
        }
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

/// <summary>Typed client for the registry's herd-mark lookups.</summary>
public sealed class HerdMarkClient
{
    private readonly HttpClient _http;

    public HerdMarkClient(HttpClient http) => _http = http;

    public async Task<string?> OwnerOfMarkAsync(string earMark, CancellationToken ct)
    {
        using var response = await _http.GetAsync($"marks/{Uri.EscapeDataString(earMark)}/owner", ct).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }
}
