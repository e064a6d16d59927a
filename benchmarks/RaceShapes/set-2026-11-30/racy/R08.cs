using System.Diagnostics;

namespace Blind.R08;

/// <summary>
/// Token bucket limiter for outgoing API calls. One instance is shared by all
/// requests of a tenant, so its members are called from many threads at once.
/// </summary>
public sealed class TokenBucket
{
    private readonly object _lock = new();
    private readonly int _capacity;
    private readonly double _refillPerSecond;
    private double _tokens;
    private long _lastRefillTimestamp;

    public TokenBucket(int capacity, double refillPerSecond)
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
    /// Gives permits back, e.g. when the server rejected a request before doing any work.
    /// </summary>
    public void Release(int count)
    {
        _tokens = Math.Min(_capacity, _tokens + count);
    }

    private void Refill()
    {
        long now = Stopwatch.GetTimestamp();
        double elapsedSeconds = (now - _lastRefillTimestamp) / (double)Stopwatch.Frequency;
        _tokens = Math.Min(_capacity, _tokens + elapsedSeconds * _refillPerSecond);
        _lastRefillTimestamp = now;
    }
}

public sealed class ThrottledSender
{
    private readonly TokenBucket _bucket;
    private readonly HttpClient _http;

    public ThrottledSender(TokenBucket bucket, HttpClient http)
    {
        _bucket = bucket;
        _http = http;
    }

    public async Task<int> SendAllAsync(IEnumerable<Uri> urls, CancellationToken ct)
    {
        var results = await Task.WhenAll(urls.Select(u => SendOneAsync(u, ct))).ConfigureAwait(false);
        return results.Count(ok => ok);
    }

    private async Task<bool> SendOneAsync(Uri url, CancellationToken ct)
    {
        if (!_bucket.TryAcquire())
        {
            return false;
        }

        using var response = await _http.PostAsync(url, content: null, ct).ConfigureAwait(false);
        if ((int)response.StatusCode == 429)
        {
            _bucket.Release(1);
            return false;
        }

        return response.IsSuccessStatusCode;
    }
}
