namespace Scheduling.Jobs;

public interface IRecurringJob
{
    string Name { get; }
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs a recurring job on a timer. The timer is one-shot and is only re-armed after a run
/// finishes, so a slow run simply delays the next one.
/// </summary>
public sealed class RecurringJobRunner : IDisposable
{
    private readonly IRecurringJob _job;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Timer _timer;
    private int _consecutiveFailures;
    private DateTime _lastSuccessUtc;
    private TimeSpan _currentDelay;

    public RecurringJobRunner(IRecurringJob job, TimeSpan interval)
    {
        _job = job;
        _interval = interval;
        _currentDelay = interval;
        _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(interval, Timeout.InfiniteTimeSpan);
    }

    private async void OnTimer(object? state)
    {
        var token = _shutdown.Token;
        try
        {
            await _job.RunAsync(token).ConfigureAwait(false);
            _consecutiveFailures = 0;
            _lastSuccessUtc = DateTime.UtcNow;
            _currentDelay = _interval;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            _consecutiveFailures++;
            var backoffSeconds = Math.Min(_interval.TotalSeconds * Math.Pow(2, _consecutiveFailures), 3600);
            _currentDelay = TimeSpan.FromSeconds(backoffSeconds);
            System.Diagnostics.Trace.TraceWarning(
                "Job {0} failed ({1} in a row, last success {2:O}): {3}",
                _job.Name, _consecutiveFailures, _lastSuccessUtc, ex.Message);
        }

        if (token.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _timer.Change(_currentDelay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _timer.Dispose();
    }
}
