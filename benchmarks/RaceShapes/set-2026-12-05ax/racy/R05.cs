namespace Blind50.IceRink.Turnstiles;

/// <summary>
/// Tracks skater entries through the rink turnstiles over a sliding window.
/// One instance is shared by all turnstile listeners, which call <see cref="RecordEntry"/>,
/// and by the lobby dashboards, which poll <see cref="EntriesPerMinute"/> and <see cref="Latest"/>.
/// </summary>
public sealed class TurnstileWindow : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion);
    private readonly Queue<DateTime> _entries = new();
    private readonly TimeSpan _window;

    public TurnstileWindow(TimeSpan window)
    {
        _window = window;
    }

    public void RecordEntry(DateTime entryUtc)
    {
        _rw.EnterWriteLock();
        try
        {
            _entries.Enqueue(entryUtc);
            TrimOlderThan(entryUtc - _window);
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public double EntriesPerMinute(DateTime nowUtc)
    {
        _rw.EnterReadLock();
        try
        {
            TrimOlderThan(nowUtc - _window);
            return _entries.Count / _window.TotalMinutes;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public DateTime? Latest
    {
        get
        {
            _rw.EnterReadLock();
            try
            {
                return _entries.Count == 0 ? null : _entries.Last();
            }
            finally
            {
                _rw.ExitReadLock();
            }
        }
    }

    private void TrimOlderThan(DateTime cutoff)
    {
        while (_entries.Count > 0 && _entries.Peek() < cutoff)
        {
            _entries.Dequeue();
        }
    }

    public void Dispose() => _rw.Dispose();
}

/// <summary>Refreshes each lobby screen every few seconds.</summary>
public sealed class LobbyDashboard
{
    private readonly TurnstileWindow _window;
    private readonly string _screenName;

    public LobbyDashboard(TurnstileWindow window, string screenName)
    {
        _window = window;
        _screenName = screenName;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var rate = _window.EntriesPerMinute(DateTime.UtcNow);
            Console.WriteLine($"[{_screenName}] {rate:F1} skaters/min, last entry {_window.Latest:T}");
        }
    }
}
