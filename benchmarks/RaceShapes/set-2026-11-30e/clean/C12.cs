namespace Resilience.Policies.Breakers;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(string name) : base($"Circuit '{name}' is open.")
    {
    }
}

/// <summary>
/// Consecutive-failure circuit breaker. Instances are cached per downstream dependency and
/// shared by all callers of that dependency.
/// </summary>
public sealed class ConsecutiveFailureBreaker
{
    private readonly object _sync = new();
    private readonly string _name;
    private readonly int _threshold;
    private readonly TimeSpan _openDuration;
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private long _openedAtTicks;
    private bool _probeInFlight;

    public ConsecutiveFailureBreaker(string name, int threshold, TimeSpan openDuration)
    {
        _name = name;
        _threshold = threshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get { lock (_sync) return _state; }
    }

    public async Task ExecuteAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var isProbe = Admit();
        try
        {
            await action(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RecordFailure();
            throw;
        }
        finally
        {
            if (isProbe)
            {
                lock (_sync)
                {
                    _probeInFlight = false;
                }
            }
        }

        RecordSuccess();
    }

    private bool Admit()
    {
        lock (_sync)
        {
            switch (_state)
            {
                case BreakerState.Closed:
                    return false;
                case BreakerState.Open when Environment.TickCount64 - _openedAtTicks >= (long)_openDuration.TotalMilliseconds:
                    _state = BreakerState.HalfOpen;
                    _probeInFlight = true;
                    return true;
                case BreakerState.HalfOpen when !_probeInFlight:
                    _probeInFlight = true;
                    return true;
                default:
                    throw new CircuitOpenException(_name);
            }
        }
    }

    private void RecordFailure()
    {
        lock (_sync)
        {
            _failures++;
            if (_state == BreakerState.HalfOpen || _failures >= _threshold)
            {
                _state = BreakerState.Open;
                _openedAtTicks = Environment.TickCount64;
            }
        }
    }

    private void RecordSuccess()
    {
        lock (_sync)
        {
            _failures = 0;
            _state = BreakerState.Closed;
        }
    }
}
