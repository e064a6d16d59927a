namespace Resilience.Policies;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(TimeSpan retryAfter)
        : base($"Circuit is open; retry after {retryAfter.TotalSeconds:F0}s.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Stops calling a failing dependency for a while after too many consecutive failures.
/// One breaker is kept per downstream service and shared by all calls to it.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly object _sync = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private readonly TimeProvider _time;
    private CircuitState _state = CircuitState.Closed;
    private int _consecutiveFailures;
    private DateTimeOffset _openedAt;

    public CircuitBreaker(int failureThreshold, TimeSpan breakDuration, TimeProvider? time = null)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
        _time = time ?? TimeProvider.System;
    }

    public CircuitState State
    {
        get { lock (_sync) return _state; }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        EnsureCallPermitted();

        T result;
        try
        {
            result = await action(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OnFailure();
            throw;
        }

        OnSuccess();
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

            var elapsed = _time.GetUtcNow() - _openedAt;
            if (elapsed < _breakDuration)
            {
                throw new BrokenCircuitException(_breakDuration - elapsed);
            }

            _state = CircuitState.HalfOpen;
        }
    }

    private void OnFailure()
    {
        lock (_sync)
        {
            _consecutiveFailures++;
            if (_state == CircuitState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = CircuitState.Open;
                _openedAt = _time.GetUtcNow();
            }
        }
    }

    private void OnSuccess()
    {
        _consecutiveFailures = 0;

        lock (_sync)
        {
            if (_state == CircuitState.HalfOpen)
            {
                _state = CircuitState.Closed;
            }
        }
    }
}
