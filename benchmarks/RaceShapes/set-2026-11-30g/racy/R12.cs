namespace Resilience.Policies;

public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2
}

public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(string message) : base(message) { }
}

/// <summary>
/// Consecutive-failure circuit breaker. One breaker instance guards one downstream
/// dependency and is shared by all callers of that dependency.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly object _sync = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private int _state = (int)CircuitState.Closed;
    private int _consecutiveFailures;
    private DateTimeOffset _openedAt;

    public CircuitBreaker(int failureThreshold, TimeSpan breakDuration)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
    }

    public CircuitState State => (CircuitState)Volatile.Read(ref _state);

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        if (!AllowRequest())
            throw new BrokenCircuitException("The circuit is open; calls are being rejected.");

        try
        {
            var result = await action(ct).ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OnFailure();
            throw;
        }
    }

    private bool AllowRequest()
    {
        if (Volatile.Read(ref _state) == (int)CircuitState.Closed)
            return true;

        if (DateTimeOffset.UtcNow - _openedAt < _breakDuration)
            return false;

        lock (_sync)
        {
            if (_state == (int)CircuitState.Open)
            {
                Volatile.Write(ref _state, (int)CircuitState.HalfOpen);
                return true;
            }

            return _state == (int)CircuitState.Closed;
        }
    }

    private void OnSuccess()
    {
        lock (_sync)
        {
            _consecutiveFailures = 0;
            Volatile.Write(ref _state, (int)CircuitState.Closed);
        }
    }

    private void OnFailure()
    {
        lock (_sync)
        {
            _consecutiveFailures++;
            if (_state == (int)CircuitState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _openedAt = DateTimeOffset.UtcNow;
                Volatile.Write(ref _state, (int)CircuitState.Open);
            }
        }
    }
}
