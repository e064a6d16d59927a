namespace Resilience.Policies;

public enum CircuitState { Closed, Open, HalfOpen }

public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(TimeSpan retryAfter)
        : base($"Circuit is open; retry after {retryAfter.TotalSeconds:F0}s.") => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Consecutive-failure circuit breaker. One breaker guards one downstream
/// dependency and is shared by every caller of that dependency.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private readonly object _sync = new();
    private CircuitState _state = CircuitState.Closed;
    private int _consecutiveFailures;
    private DateTime _openedAtUtc;

    public CircuitBreaker(int failureThreshold, TimeSpan breakDuration)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
    }

    public CircuitState State
    {
        get { lock (_sync) { return _state; } }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        EnsureCallPermitted();

        T result;
        try
        {
            result = await action(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RecordFailure();
            throw;
        }

        _consecutiveFailures = 0;
        lock (_sync)
        {
            if (_state == CircuitState.HalfOpen)
            {
                _state = CircuitState.Closed;
            }
        }

        return result;
    }

    private void EnsureCallPermitted()
    {
        lock (_sync)
        {
            if (_state != CircuitState.Open)
            {
                return;
            }

            var elapsed = DateTime.UtcNow - _openedAtUtc;
            if (elapsed >= _breakDuration)
            {
                _state = CircuitState.HalfOpen;
                return;
            }

            throw new BrokenCircuitException(_breakDuration - elapsed);
        }
    }

    private void RecordFailure()
    {
        lock (_sync)
        {
            _consecutiveFailures++;
            if (_state == CircuitState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = CircuitState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }
}
