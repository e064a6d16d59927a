namespace Blind4.Clean.Resilience.CircuitBreaking;

public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(string message) : base(message)
    {
    }
}

/// <summary>
/// Classic three-state circuit breaker placed in front of a downstream HTTP API.
/// One breaker instance is shared by all callers of that API.
/// </summary>
public sealed class CircuitBreaker
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;

    private readonly object _sync = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private int _state = Closed;
    private int _consecutiveFailures;
    private DateTime _openedAtUtc;
    private int _probeInFlight;

    public CircuitBreaker(int failureThreshold, TimeSpan breakDuration)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
    }

    public string State
    {
        get
        {
            lock (_sync)
            {
                return _state switch { Closed => "closed", Open => "open", _ => "half-open" };
            }
        }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        EnsureCallPermitted();
        try
        {
            var result = await action(cancellationToken).ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch
        {
            OnFailure();
            throw;
        }
    }

    private void EnsureCallPermitted()
    {
        lock (_sync)
        {
            if (_state == Closed)
            {
                return;
            }

            if (_state == Open && DateTime.UtcNow - _openedAtUtc >= _breakDuration)
            {
                _state = HalfOpen;
            }

            if (_state == Open)
            {
                throw new BrokenCircuitException($"Circuit open since {_openedAtUtc:O}.");
            }
        }

        // Half-open: a single trial call decides whether the circuit closes again.
        if (Interlocked.CompareExchange(ref _probeInFlight, 1, 0) != 0)
        {
            throw new BrokenCircuitException("Circuit half-open; trial call already running.");
        }
    }

    private void OnSuccess()
    {
        lock (_sync)
        {
            _state = Closed;
            _consecutiveFailures = 0;
            Interlocked.Exchange(ref _probeInFlight, 0);
        }
    }

    private void OnFailure()
    {
        lock (_sync)
        {
            Interlocked.Exchange(ref _probeInFlight, 0);
            _consecutiveFailures++;
            if (_state == HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }
}
