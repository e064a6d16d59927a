namespace Blind.C22;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(TimeSpan retryAfter)
        : base($"Circuit is open; retry after {retryAfter.TotalSeconds:0}s.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Circuit breaker guarding calls to the payment provider. A single instance is
/// shared by all checkout requests.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly object _lock = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private DateTime _openedAtUtc;
    private bool _probeInFlight;

    public CircuitBreaker(int failureThreshold, TimeSpan openDuration)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public async Task<T> ExecuteAsync<T>(Func<Task<T>> action)
    {
        lock (_lock)
        {
            if (_state == BreakerState.Open)
            {
                var elapsed = DateTime.UtcNow - _openedAtUtc;
                if (elapsed < _openDuration)
                {
                    throw new BrokenCircuitException(_openDuration - elapsed);
                }
                _state = BreakerState.HalfOpen;
            }

            if (_state == BreakerState.HalfOpen)
            {
                if (_probeInFlight)
                {
                    throw new BrokenCircuitException(TimeSpan.FromSeconds(1));
                }
                _probeInFlight = true;
            }
        }

        try
        {
            var result = await action().ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch (Exception ex) when (ex is not BrokenCircuitException)
        {
            OnFailure();
            throw;
        }
    }

    private void OnSuccess()
    {
        lock (_lock)
        {
            _failures = 0;
            _probeInFlight = false;
            _state = BreakerState.Closed;
        }
    }

    private void OnFailure()
    {
        lock (_lock)
        {
            _failures++;
            _probeInFlight = false;
            if (_state == BreakerState.HalfOpen || _failures >= _failureThreshold)
            {
                _state = BreakerState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _failures = 0;
            _probeInFlight = false;
            _state = BreakerState.Closed;
        }
    }
}
