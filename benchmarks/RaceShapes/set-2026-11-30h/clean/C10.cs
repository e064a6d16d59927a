namespace Blind8.Scheduling.Cleanup;

public interface IExpiredSessionStore
{
    Task<int> DeleteExpiredAsync(DateTime olderThanUtc, int batchSize, CancellationToken ct);
}

/// <summary>
/// Periodic job that purges expired login sessions. The timer keeps firing on
/// schedule; a tick that arrives while a purge is still running is skipped.
/// </summary>
public sealed class SessionCleanupJob : IDisposable
{
    private readonly IExpiredSessionStore _store;
    private readonly TimeSpan _retention;
    private readonly Timer _timer;
    private int _running;

    // Only touched by the tick that currently holds _running.
    private int _runsCompleted;
    private int _totalDeleted;
    private DateTime _lastRunUtc;

    public SessionCleanupJob(IExpiredSessionStore store, TimeSpan retention, TimeSpan interval)
    {
        _store = store;
        _retention = retention;
        _timer = new Timer(OnTick, null, interval, interval);
    }

    private async void OnTick(object? state)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var cutoff = DateTime.UtcNow - _retention;
            int deleted;
            do
            {
                deleted = await _store.DeleteExpiredAsync(cutoff, 500, CancellationToken.None).ConfigureAwait(false);
                _totalDeleted += deleted;
            }
            while (deleted == 500);

            _runsCompleted++;
            _lastRunUtc = DateTime.UtcNow;

            if (_runsCompleted % 100 == 0)
            {
                Console.WriteLine($"Session cleanup: {_runsCompleted} runs, {_totalDeleted} sessions purged, last at {_lastRunUtc:O}");
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Session cleanup failed: {ex.Message}");
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
