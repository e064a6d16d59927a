namespace Blind10.Resilience.PaymentGateway;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(string dependency) : base($"Calls to '{dependency}' are currently suspended.")
    {
    }
}

/// <summary>
/// Circuit breaker for the payment gateway client. A single instance is shared by every
/// checkout request. Only one trial call is let through while half-open.
/// </summary>
public sealed class GatewayCircuitBreaker
{
    private readonly object _gate = new();
    private readonly string _dependency;
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private BreakerState _state = BreakerState.Closed;
    private int _consecutiveFailures;
    private DateTime _openedAtUtc;
    private bool _trialInFlight;

    public GatewayCircuitBreaker(string dependency, int failureThreshold, TimeSpan openDuration)
    {
        _dependency = dependency;
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get { lock (_gate) { return _state; } }
    }

    public int ConsecutiveFailures
    {
        get { lock (_gate) { return _consecutiveFailures; } }
    }

    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, Task<TResult>> call, CancellationToken ct)
    {
        bool isTrial = AcquirePermission();
        try
        {
            var result = await call(ct).ConfigureAwait(false);
            RecordSuccess();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RecordFailure();
            throw;
        }
        finally
        {
            if (isTrial)
            {
                lock (_gate)
                {
                    _trialInFlight = false;
                }
            }
        }
    }

    private bool AcquirePermission()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case BreakerState.Closed:
                    return false;
                case BreakerState.Open when DateTime.UtcNow - _openedAtUtc >= _openDuration:
                    _state = BreakerState.HalfOpen;
                    _trialInFlight = true;
                    return true;
                case BreakerState.HalfOpen when !_trialInFlight:
                    _trialInFlight = true;
                    return true;
                default:
                    throw new CircuitOpenException(_dependency);
            }
        }
    }

    private void RecordSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _state = BreakerState.Closed;
        }
    }

    private void RecordFailure()
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            if (_state == BreakerState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = BreakerState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }
}
