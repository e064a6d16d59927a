namespace Blind42.CanalLocks.Gates;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker around the hydraulic gate controller's HTTP API. One instance is shared by
/// every lock-keeper console session; all members are called concurrently.
/// </summary>
public sealed class GateCircuitBreaker
{
    private readonly object _sync = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private int _consecutiveFailures;
    private BreakerState _state = BreakerState.Closed;
    private DateTime _openedAtUtc;

    public GateCircuitBreaker(int failureThreshold, TimeSpan openDuration)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get { lock (_sync) return _state; }
    }

    public bool TryAcquire()
    {
        DateTime openedAt;
        lock (_sync)
        {
            if (_state == BreakerState.Closed)
            {
                return true;
            }

            if (_state == BreakerState.HalfOpen)
            {
                return false;
            }

            openedAt = _openedAtUtc;
        }

        if (DateTime.UtcNow - openedAt >= _openDuration)
        {
            _state = BreakerState.HalfOpen;
            return true;
        }

        return false;
    }

    public void RecordSuccess()
    {
        lock (_sync)
        {
            _consecutiveFailures = 0;
            _state = BreakerState.Closed;
        }
    }

    public void RecordFailure()
    {
        lock (_sync)
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

/// <summary>Sends open/close commands for a flight of locks through the breaker.</summary>
public sealed class LockFlightCommander
{
    private readonly GateCircuitBreaker _breaker;
    private readonly Func<int, bool, Task> _sendCommand;

    public LockFlightCommander(GateCircuitBreaker breaker, Func<int, bool, Task> sendCommand)
    {
        _breaker = breaker;
        _sendCommand = sendCommand;
    }

    public async Task<bool> OperateAsync(int chamber, bool open)
    {
        if (!_breaker.TryAcquire())
        {
            return false;
        }

        try
        {
            await _sendCommand(chamber, open).ConfigureAwait(false);
            _breaker.RecordSuccess();
            return true;
        }
        catch (HttpRequestException)
        {
            _breaker.RecordFailure();
            return false;
        }
    }
}
