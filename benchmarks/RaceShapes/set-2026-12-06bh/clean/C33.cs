namespace Blind60.SeedBank.Germination;

public sealed record GerminationTest(string Accession, DateTime DueUtc, int SeedsSown);

public sealed record SchedulerStatus(int Queued, int RunThisSession, DateTime? LastRunUtc);

/// <summary>
/// Runs due germination tests for the seed bank's viability programme. A
/// System.Timers.Timer wakes the scheduler; each run re-arms the timer only after it
/// finishes. Staff add tests from the web UI and the status page polls <see cref="Status"/>.
/// </summary>
public sealed class GerminationScheduler : IDisposable
{
    private readonly System.Timers.Timer _timer;
    private readonly object _gate = new();
    private readonly PriorityQueue<GerminationTest, DateTime> _queue = new();
    private readonly Action<GerminationTest> _runTest;
    private int _runThisSession;
    private DateTime? _lastRunUtc;
    private bool _disposed;

    public GerminationScheduler(Action<GerminationTest> runTest, TimeSpan checkEvery)
    {
        _runTest = runTest;
        _timer = new System.Timers.Timer(checkEvery.TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += (_, _) => RunDue();
        _timer.Start();
    }

    public void Schedule(GerminationTest test)
    {
        lock (_gate)
        {
            _queue.Enqueue(test, test.DueUtc);
        }
    }

    public SchedulerStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new SchedulerStatus(_queue.Count, _runThisSession, _lastRunUtc);
            }
        }
    }

    private void RunDue()
    {
        try
        {
            while (true)
            {
                GerminationTest next;
                lock (_gate)
                {
                    if (_disposed || !_queue.TryPeek(out next!, out var due) || due > DateTime.UtcNow)
                    {
                        break;
                    }
                    _queue.Dequeue();
                }

                _runTest(next);

                lock (_gate)
                {
                    _runThisSession++;
                    _lastRunUtc = DateTime.UtcNow;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _timer.Start();
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Stop();
        }
        _timer.Dispose();
    }
}
