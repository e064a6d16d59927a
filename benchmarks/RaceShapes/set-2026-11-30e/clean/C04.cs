namespace Fabrikam.Throttling.Windows;

/// <summary>
/// Fixed-window limiter for inbound API calls per client key. Shared by all request threads.
/// A timer resets the window counters.
/// </summary>
public sealed class FixedWindowLimiter : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _countsInWindow = new(StringComparer.Ordinal);
    private readonly int _permitsPerWindow;
    private readonly Timer _windowTimer;
    private DateTime _windowStartedUtc;
    private long _totalRejected;

    public FixedWindowLimiter(int permitsPerWindow, TimeSpan window)
    {
        _permitsPerWindow = permitsPerWindow;
        _windowStartedUtc = DateTime.UtcNow;
        _windowTimer = new Timer(_ => ResetWindow(), null, window, window);
    }

    public bool TryAcquire(string clientKey)
    {
        lock (_lock)
        {
            _countsInWindow.TryGetValue(clientKey, out var used);
            if (used >= _permitsPerWindow)
            {
                _totalRejected++;
                return false;
            }

            _countsInWindow[clientKey] = used + 1;
            return true;
        }
    }

    public TimeSpan RetryAfter(TimeSpan window)
    {
        lock (_lock)
        {
            var remaining = _windowStartedUtc + window - DateTime.UtcNow;
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    public long TotalRejected
    {
        get { lock (_lock) return _totalRejected; }
    }

    private void ResetWindow()
    {
        lock (_lock)
        {
            _countsInWindow.Clear();
            _windowStartedUtc = DateTime.UtcNow;
        }
    }

    public void Dispose() => _windowTimer.Dispose();
}
