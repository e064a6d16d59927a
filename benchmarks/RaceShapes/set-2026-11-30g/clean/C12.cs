namespace Resilience.Breakers;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen
}

public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(TimeSpan retryAfter)
        : base($"Circuit is open; retry after {retryAfter.TotalSeconds:F1}s.") => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Failure-count circuit breaker shared by every caller of one downstream service.
/// </summary>
public sealed class FailureCountBreaker
{
    private readonly object _gate = new();
    private readonly int _threshold;
    private readonly TimeSpan _openDuration;
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private DateTimeOffset _openedAt;
    private bool _probeInFlight;

    public FailureCountBreaker(int threshold, TimeSpan openDuration)
    {
        _threshold = threshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get { lock (_gate) return _state; }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        EnsureAllowed();

        try
        {
            T result = await operation(ct).ConfigureAwait(false);
            RecordSuccess();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RecordFailure();
            throw;
        }
    }

    private void EnsureAllowed()
    {
        lock (_gate)
        {
            if (_state == BreakerState.Closed)
                return;

            var elapsed = DateTimeOffset.UtcNow - _openedAt;
            if (_state == BreakerState.Open && elapsed >= _openDuration)
            {
                _state = BreakerState.HalfOpen;
                _probeInFlight = false;
            }

            if (_state == BreakerState.HalfOpen && !_probeInFlight)
            {
                _probeInFlight = true;
                return;
            }

            throw new CircuitOpenException(_openDuration - elapsed);
        }
    }

    private void RecordSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _probeInFlight = false;
            _state = BreakerState.Closed;
        }
    }

    private void RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            _probeInFlight = false;
            if (_state == BreakerState.HalfOpen || _failures >= _threshold)
            {
                _state = BreakerState.Open;
                _openedAt = DateTimeOffset.UtcNow;
            }
        }
    }
}
