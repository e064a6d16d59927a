namespace Blind30.Carillon;

/// <summary>
/// Logs which bells of the carillon have been struck and, on a timer, sends the
/// clapper-wear figures to the maintenance system. Strikes are recorded from the
/// playing console and from the automatic chime player at the same time.
/// </summary>
public sealed class ClapperWearTracker : IDisposable
{
    private readonly object _sync = new();
    private readonly int[] _strikesSinceReport;
    private readonly long[] _lifetimeStrikes;
    private readonly Action<IReadOnlyList<int>> _report;
    private readonly Timer _timer;
    private bool _disposed;

    public ClapperWearTracker(int bellCount, Action<IReadOnlyList<int>> report, TimeSpan interval)
    {
        _strikesSinceReport = new int[bellCount];
        _lifetimeStrikes = new long[bellCount];
        _report = report;
        _timer = new Timer(OnTimer, null, interval, interval);
    }

    public void RecordStrike(int bell)
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _strikesSinceReport[bell]++;
            _lifetimeStrikes[bell]++;
        }
    }

    public long LifetimeStrikes(int bell)
    {
        lock (_sync)
        {
            return _lifetimeStrikes[bell];
        }
    }

    private void OnTimer(object? state)
    {
        int[] snapshot;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            snapshot = (int[])_strikesSinceReport.Clone();
            Array.Clear(_strikesSinceReport);
        }

        if (snapshot.Any(n => n > 0))
        {
            _report(snapshot);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        using var done = new ManualResetEvent(false);
        if (_timer.Dispose(done))
        {
            done.WaitOne();
        }
    }
}
