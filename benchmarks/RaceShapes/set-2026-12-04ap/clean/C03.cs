namespace Blind42.CanalLocks.Sluices;

public enum SluiceBreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker for the sluice paddle actuators. Shared by every lock-keeper session;
/// state transitions are reported to the supplied callback (used for the alarm panel).
/// </summary>
public sealed class SluiceCircuitBreaker
{
    private readonly object _sync = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private readonly Action<SluiceBreakerState> _onStateChanged;
    private SluiceBreakerState _state = SluiceBreakerState.Closed;
    private int _consecutiveFailures;
    private DateTime _openedAtUtc;
    private bool _probeInFlight;

    public SluiceCircuitBreaker(int failureThreshold, TimeSpan openDuration, Action<SluiceBreakerState> onStateChanged)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
        _onStateChanged = onStateChanged;
    }

    public SluiceBreakerState State
    {
        get { lock (_sync) return _state; }
    }

    public bool TryAcquire()
    {
        SluiceBreakerState? changedTo = null;
        bool allowed;

        lock (_sync)
        {
            switch (_state)
            {
                case SluiceBreakerState.Closed:
                    allowed = true;
                    break;
                case SluiceBreakerState.Open when DateTime.UtcNow - _openedAtUtc >= _openDuration:
                    _state = SluiceBreakerState.HalfOpen;
                    _probeInFlight = true;
                    changedTo = _state;
                    allowed = true;
                    break;
                default:
                    allowed = false;
                    break;
            }
        }

        if (changedTo is { } state)
        {
            _onStateChanged(state);
        }
        return allowed;
    }

    public void Report(bool succeeded)
    {
        SluiceBreakerState? changedTo = null;

        lock (_sync)
        {
            var before = _state;
            if (succeeded)
            {
                _consecutiveFailures = 0;
                _state = SluiceBreakerState.Closed;
            }
            else if (++_consecutiveFailures >= _failureThreshold || _state == SluiceBreakerState.HalfOpen)
            {
                _state = SluiceBreakerState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }

            _probeInFlight = false;
            if (_state != before)
            {
                changedTo = _state;
            }
        }

        if (changedTo is { } state)
        {
            _onStateChanged(state);
        }
    }

    public bool IsProbing
    {
        get { lock (_sync) return _probeInFlight; }
    }
}
