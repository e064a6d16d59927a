namespace Polly.Lite;

public enum BreakerState { Closed, Open, HalfOpen }

public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(string dependency) : base($"Circuit for '{dependency}' is open.") { }
}

/// <summary>
/// Failure-count circuit breaker. A breaker is created per downstream
/// dependency and every outgoing call to that dependency goes through it.
/// </summary>
public sealed class DependencyBreaker
{
    private readonly string _dependency;
    private readonly int _threshold;
    private readonly TimeSpan _openDuration;
    private readonly object _stateLock = new();
    private BreakerState _state;
    private int _failures;
    private DateTime _openUntilUtc;
    private bool _probeInFlight;

    public DependencyBreaker(string dependency, int threshold, TimeSpan openDuration)
    {
        _dependency = dependency;
        _threshold = threshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get { lock (_stateLock) { return _state; } }
    }

    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> operation, CancellationToken ct)
    {
        bool isProbe = BeforeCall();
        try
        {
            var result = await operation(ct).ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OnFailure();
            throw;
        }
        finally
        {
            if (isProbe)
            {
                lock (_stateLock)
                {
                    _probeInFlight = false;
                }
            }
        }
    }

    private bool BeforeCall()
    {
        lock (_stateLock)
        {
            switch (_state)
            {
                case BreakerState.Closed:
                    return false;
                case BreakerState.Open when DateTime.UtcNow >= _openUntilUtc:
                    _state = BreakerState.HalfOpen;
                    _probeInFlight = true;
                    return true;
                case BreakerState.HalfOpen when !_probeInFlight:
                    _probeInFlight = true;
                    return true;
                default:
                    throw new CircuitOpenException(_dependency);
            }
        }
    }

    private void OnSuccess()
    {
        lock (_stateLock)
        {
            _failures = 0;
            _state = BreakerState.Closed;
        }
    }

    private void OnFailure()
    {
        lock (_stateLock)
        {
            _failures++;
            if (_state == BreakerState.HalfOpen || _failures >= _threshold)
            {
                _state = BreakerState.Open;
                _openUntilUtc = DateTime.UtcNow + _openDuration;
            }
        }
    }
}
