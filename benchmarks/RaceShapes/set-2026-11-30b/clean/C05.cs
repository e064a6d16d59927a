namespace Blind2.C05;

/// <summary>
/// Token bucket used to throttle outgoing webhook deliveries. Shared by all
/// delivery workers; a timer tops the bucket up every 100 ms.
/// </summary>
public sealed class WebhookThrottle : IDisposable
{
    private readonly object _gate = new();
    private readonly double _capacity;
    private readonly double _refillPerTick;
    private readonly Timer _refillTimer;
    private double _tokens;
    private long _throttled;

    public WebhookThrottle(int perSecond, int burst)
    {
        _capacity = burst;
        _tokens = burst;
        _refillPerTick = perSecond / 10.0;
        _refillTimer = new Timer(_ => Refill(), null, 100, 100);
    }

    public long ThrottledCount => Interlocked.Read(ref _throttled);

    public bool TryTake()
    {
        lock (_gate)
        {
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return true;
            }
        }

        Interlocked.Increment(ref _throttled);
        return false;
    }

    public double Available
    {
        get
        {
            lock (_gate)
                return _tokens;
        }
    }

    private void Refill()
    {
        lock (_gate)
        {
            _tokens = Math.Min(_capacity, _tokens + _refillPerTick);
        }
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed class WebhookDeliveryWorker
{
    private readonly HttpClient _http;
    private readonly WebhookThrottle _throttle;

    public WebhookDeliveryWorker(HttpClient http, WebhookThrottle throttle)
    {
        _http = http;
        _throttle = throttle;
    }

    public Task DeliverAllAsync(IEnumerable<(Uri Target, string Json)> deliveries, CancellationToken ct)
        => Task.WhenAll(deliveries.Select(d => DeliverAsync(d.Target, d.Json, ct)));

    private async Task DeliverAsync(Uri target, string json, CancellationToken ct)
    {
        while (!_throttle.TryTake())
            await Task.Delay(25, ct).ConfigureAwait(false);

        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(target, content, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
