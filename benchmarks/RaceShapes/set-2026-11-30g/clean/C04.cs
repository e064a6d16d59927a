namespace Tailspin.Gateway.Limits;

/// <summary>
/// Sliding-window-log limiter keyed by client. Singleton; TryAcquire is called
/// for every request the gateway receives.
/// </summary>
public sealed class SlidingWindowLimiter
{
    private readonly object _sync = new();
    private readonly Dictionary<string, Queue<long>> _requestLog = new(StringComparer.Ordinal);
    private readonly int _limit;
    private readonly long _windowTicks;
    private readonly Func<long> _clock;
    private long _lastSweepTicks;

    public SlidingWindowLimiter(int limit, TimeSpan window)
        : this(limit, window, () => DateTime.UtcNow.Ticks)
    {
    }

    internal SlidingWindowLimiter(int limit, TimeSpan window, Func<long> clock)
    {
        _limit = limit;
        _windowTicks = window.Ticks;
        _clock = clock;
        _lastSweepTicks = clock();
    }

    public bool TryAcquire(string clientId)
    {
        long now = _clock();
        long cutoff = now - _windowTicks;

        lock (_sync)
        {
            if (!_requestLog.TryGetValue(clientId, out var timestamps))
            {
                timestamps = new Queue<long>();
                _requestLog[clientId] = timestamps;
            }

            while (timestamps.Count > 0 && timestamps.Peek() <= cutoff)
                timestamps.Dequeue();

            if (now - _lastSweepTicks > _windowTicks * 10)
                SweepIdleClients(cutoff, now);

            if (timestamps.Count >= _limit)
                return false;

            timestamps.Enqueue(now);
            return true;
        }
    }

    public int CurrentCount(string clientId)
    {
        long cutoff = _clock() - _windowTicks;
        lock (_sync)
        {
            return _requestLog.TryGetValue(clientId, out var timestamps)
                ? timestamps.Count(t => t > cutoff)
                : 0;
        }
    }

    private void SweepIdleClients(long cutoff, long now)
    {
        var idle = _requestLog
            .Where(pair => pair.Value.Count == 0 || pair.Value.Last() <= cutoff)
            .Select(pair => pair.Key)
            .ToList();

        foreach (var key in idle)
            _requestLog.Remove(key);

        _lastSweepTicks = now;
    }
}
