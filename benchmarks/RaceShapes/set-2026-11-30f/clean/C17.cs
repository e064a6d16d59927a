namespace Scheduling.Jobs;

public interface IRecurringJob
{
    string Name { get; }
    TimeSpan Interval { get; }
    Task ExecuteAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs a recurring job on a one-shot timer that is re-armed after each run,
/// backing off when the job keeps failing.
/// </summary>
public sealed class RecurringJobRunner : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);

    private readonly IRecurringJob _job;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Timer _timer;
    private int _started;
    private int _consecutiveFailures;
    private long _completedRuns;
    private long _lastSuccessTicks;

    public RecurringJobRunner(IRecurringJob job)
    {
        _job = job;
        _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
    }

    public long CompletedRuns => Interlocked.Read(ref _completedRuns);

    public DateTime? LastSuccessUtc
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSuccessTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    public void Start(TimeSpan initialDelay)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"Job '{_job.Name}' has already been started.");
        }

        _timer.Change(initialDelay, Timeout.InfiniteTimeSpan);
    }

    private async void OnTimer(object? state)
    {
        TimeSpan nextDelay;
        try
        {
            await _job.ExecuteAsync(_stopping.Token).ConfigureAwait(false);
            _consecutiveFailures = 0;
            Interlocked.Exchange(ref _lastSuccessTicks, DateTime.UtcNow.Ticks);
            nextDelay = _job.Interval;
        }
        catch (Exception ex)
        {
            _consecutiveFailures++;
            var backoff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(_consecutiveFailures, 10)));
            nextDelay = backoff < MaxBackoff ? backoff : MaxBackoff;
            Console.Error.WriteLine($"Job '{_job.Name}' failed ({_consecutiveFailures} in a row): {ex.Message}");
        }
        finally
        {
            Interlocked.Increment(ref _completedRuns);
        }

        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _timer.Change(nextDelay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _timer.Dispose();
    }
}
