using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Quarry.Blasting;

public enum LinkState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Breaker in front of the radio link to the blast-site detonator controller. One instance
/// is shared by every operator console; each console reports the outcome of its own calls.
/// </summary>
public sealed class DetonatorLinkBreaker
{
    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private int _consecutiveFailures;
    private LinkState _state = LinkState.Closed;
    private DateTime _openedAtUtc;

    public DetonatorLinkBreaker(int failureThreshold, TimeSpan openDuration)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public LinkState State
    {
        get
        {
            lock (_gate)
            {
                if (_state == LinkState.Open && DateTime.UtcNow - _openedAtUtc >= _openDuration)
                    _state = LinkState.HalfOpen;
                return _state;
            }
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _state = LinkState.Closed;
        }
    }

    public void RecordFailure()
    {
        var failures = ++_consecutiveFailures;
        if (failures < _failureThreshold)
            return;

        lock (_gate)
        {
            if (_state != LinkState.Open)
            {
                _state = LinkState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }

    public async Task<T> ExecuteAsync<T>(Func<Task<T>> call)
    {
        if (State == LinkState.Open)
            throw new InvalidOperationException("Detonator link is open; wait before retrying.");

        try
        {
            var result = await call();
            RecordSuccess();
            return result;
        }
        catch
        {
            RecordFailure();
            throw;
        }
    }
}
