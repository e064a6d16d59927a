namespace Blind48.LumberMill.Kiln;

public sealed record KilnReading(string Kiln, DateTimeOffset At, double DryBulbC, double MoisturePercent);

/// <summary>
/// Collects drying-kiln readings and appends them to the kiln log every few
/// seconds. Sensor threads call <see cref="Record"/>; the kiln controller
/// disposes the writer at the end of a charge.
/// </summary>
public sealed class KilnLogWriter : IDisposable
{
    private readonly object _pendingLock = new();
    private readonly object _writeLock = new();
    private readonly TextWriter _log;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private List<KilnReading> _pending = new();
    private long _linesWritten;
    private bool _disposed;

    public KilnLogWriter(TextWriter log, TimeSpan interval)
    {
        _log = log;
        _interval = interval;
        _timer = new Timer(OnFlushTimer, null, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(interval, Timeout.InfiniteTimeSpan);
    }

    public void Record(KilnReading reading)
    {
        lock (_pendingLock)
        {
            _pending.Add(reading);
        }
    }

    public long LinesWritten
    {
        get
        {
            lock (_writeLock)
            {
                return _linesWritten;
            }
        }
    }

    private void OnFlushTimer(object? state)
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            WritePendingLocked();
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
    }

    private void WritePendingLocked()
    {
        List<KilnReading> batch;
        lock (_pendingLock)
        {
            batch = _pending;
            _pending = new List<KilnReading>();
        }

        foreach (var r in batch)
        {
            _log.WriteLine($"{r.At:HH:mm:ss} {r.Kiln,-6} dry-bulb {r.DryBulbC,5:F1}C moisture {r.MoisturePercent,4:F1}%");
            _linesWritten++;
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            WritePendingLocked();
            _log.Flush();
        }
    }
}
