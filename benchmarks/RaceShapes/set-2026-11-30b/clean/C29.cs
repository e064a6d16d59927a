namespace Blind2.C29;

public sealed record ProbeResult(bool Healthy, TimeSpan Latency, DateTime CheckedUtc, int RecentFailures);

/// <summary>
/// Pings a dependency periodically and keeps a short rolling history of the
/// results for the status page.
/// </summary>
public sealed class DependencyProbe : IDisposable
{
    private const int HistorySize = 20;

    private readonly Func<CancellationToken, Task> _ping;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private readonly Queue<bool> _history = new();
    private ProbeResult? _last;
    private int _started;
    private int _disposed;

    public DependencyProbe(Func<CancellationToken, Task> ping, TimeSpan interval)
    {
        _ping = ping;
        _interval = interval;
        _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
    }

    public ProbeResult? LastResult => Volatile.Read(ref _last);

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
            _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(object? state)
    {
        try
        {
            var started = DateTime.UtcNow;
            bool healthy;
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                _ping(cts.Token).GetAwaiter().GetResult();
                healthy = true;
            }
            catch (Exception)
            {
                healthy = false;
            }

            _history.Enqueue(healthy);
            while (_history.Count > HistorySize)
                _history.Dequeue();

            int failures = _history.Count(ok => !ok);
            Volatile.Write(ref _last, new ProbeResult(healthy, DateTime.UtcNow - started, started, failures));
        }
        finally
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                try
                {
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        _timer.Dispose();
    }
}
