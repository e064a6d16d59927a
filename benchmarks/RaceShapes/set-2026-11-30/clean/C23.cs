using System.Diagnostics;

namespace Blind.C23;

/// <summary>
/// Token bucket limiter for calls to a partner API. One instance per partner is
/// shared by every request, so its members are called from many threads at once.
/// </summary>
public sealed class PartnerRateLimiter
{
    private readonly object _lock = new();
    private readonly int _capacity;
    private readonly double _refillPerSecond;
    private double _tokens;
    private long _lastRefillTimestamp;

    public PartnerRateLimiter(int capacity, double refillPerSecond)
    {
        _capacity = capacity;
        _refillPerSecond = refillPerSecond;
        _tokens = capacity;
        _lastRefillTimestamp = Stopwatch.GetTimestamp();
    }

    public bool TryAcquire(int count = 1)
    {
        lock (_lock)
        {
            Refill();
            if (_tokens < count)
            {
                return false;
            }

            _tokens -= count;
            return true;
        }
    }

    public double Available
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>
    /// Gives permits back when the partner rejected a request without processing it.
    /// </summary>
    public void Release(int count)
    {
        lock (_lock)
        {
            _tokens = Math.Min(_capacity, _tokens + count);
        }
    }

    private void Refill()
    {
        long now = Stopwatch.GetTimestamp();
        double elapsedSeconds = (now - _lastRefillTimestamp) / (double)Stopwatch.Frequency;
        _tokens = Math.Min(_capacity, _tokens + elapsedSeconds * _refillPerSecond);
        _lastRefillTimestamp = now;
    }
}

public sealed class PartnerClient
{
    private readonly PartnerRateLimiter _limiter;
    private readonly HttpClient _http;

    public PartnerClient(PartnerRateLimiter limiter, HttpClient http)
    {
        _limiter = limiter;
        _http = http;
    }

    public async Task<int> PushAllAsync(IEnumerable<Uri> urls, CancellationToken ct)
    {
        var results = await Task.WhenAll(urls.Select(u => PushAsync(u, ct))).ConfigureAwait(false);
        return results.Count(ok => ok);
    }

    private async Task<bool> PushAsync(Uri url, CancellationToken ct)
    {
        if (!_limiter.TryAcquire())
        {
            return false;
        }

        using var response = await _http.PostAsync(url, content: null, ct).ConfigureAwait(false);
        if ((int)response.StatusCode == 429)
        {
            _limiter.Release(1);
            return false;
        }

        return response.IsSuccessStatusCode;
    }
}
