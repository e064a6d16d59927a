namespace Blind10.Resilience.Breaker;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(TimeSpan retryAfter)
        : base($"The circuit is open; retry after {retryAfter.TotalSeconds:F0}s.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Consecutive-failure circuit breaker. One instance guards all calls to a downstream
/// dependency (it is registered alongside the typed HTTP client for that dependency).
/// </summary>
public sealed class CircuitBreaker
{
    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
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
        get { lock (_gate) { return _state; } }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        EnsureCallPermitted();
        try
        {
            T result = await action(ct).ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OnFailure();
            throw;
        }
    }

    private void EnsureCallPermitted()
    {
        lock (_gate)
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

    private void OnSuccess()
    {
        lock (_gate)
        {
            _state = CircuitState.Closed;
        }
        _consecutiveFailures = 0;
    }

    private void OnFailure()
    {
        lock (_gate)
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
