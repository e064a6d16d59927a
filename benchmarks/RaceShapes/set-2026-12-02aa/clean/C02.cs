namespace Blind27.HarbourPilots.Launches;

/// <summary>
/// Token bucket limiting how often the pilot launch crews can be paged. Tokens are kept
/// in fixed-point (thousandths). A single instance is shared by every dispatcher console.
/// </summary>
public sealed class LaunchPagingBucket
{
    private const long Scale = 1000;

    private readonly long _capacity;
    private readonly long _refillPerSecond;
    private long _tokens;
    private long _lastRefillTicks;

    public LaunchPagingBucket(int capacity, double refillPerSecond)
    {
        _capacity = capacity * Scale;
        _refillPerSecond = (long)(refillPerSecond * Scale);
        _tokens = _capacity;
        _lastRefillTicks = Environment.TickCount64;
    }

    public bool TryTake(int count = 1)
    {
        Refill();
        var cost = count * Scale;
        while (true)
        {
            var current = Interlocked.Read(ref _tokens);
            if (current < cost)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _tokens, current - cost, current) == current)
            {
                return true;
            }
        }
    }

    public double Available => Interlocked.Read(ref _tokens) / (double)Scale;

    private void Refill()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastRefillTicks);
        var elapsedMs = now - last;
        if (elapsedMs < 10)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastRefillTicks, now, last) != last)
        {
            return;
        }

        var add = elapsedMs * _refillPerSecond / 1000;
        while (true)
        {
            var current = Interlocked.Read(ref _tokens);
            var next = Math.Min(_capacity, current + add);
            if (Interlocked.CompareExchange(ref _tokens, next, current) == current)
            {
                return;
            }
        }
    }
}

/// <summary>Pages the duty launch crew when a vessel requests a pilot.</summary>
public sealed class LaunchPager
{
    private readonly LaunchPagingBucket _bucket;
    private readonly Func<string, Task> _sendPage;

    public LaunchPager(LaunchPagingBucket bucket, Func<string, Task> sendPage)
    {
        _bucket = bucket;
        _sendPage = sendPage;
    }

    public async Task<bool> PageAsync(string vessel)
    {
        if (!_bucket.TryTake())
        {
            return false;
        }

        await _sendPage($"Pilot required: {vessel}").ConfigureAwait(false);
        return true;
    }
}
