namespace Blind44.CeramicsKilns.Control;

public enum BreakerState { Closed, Open, HalfOpen }

public sealed class BreakerStateChangedEventArgs : EventArgs
{
    public BreakerStateChangedEventArgs(BreakerState from, BreakerState to, int failures)
    {
        From = from;
        To = to;
        Failures = failures;
    }

    public BreakerState From { get; }
    public BreakerState To { get; }
    public int Failures { get; }
}

/// <summary>
/// Circuit breaker around the kiln controller's network API. One breaker per kiln is shared by the
/// firing scheduler, the studio dashboard and the alarm poller. Listeners are attached at start-up.
/// </summary>
public sealed class KilnCircuitBreaker
{
    private readonly object _gate = new();
    private readonly int _threshold;
    private readonly TimeSpan _coolDown;
    private BreakerState _state = BreakerState.Closed;
    private int _consecutiveFailures;
    private DateTime _openedUtc;

    public KilnCircuitBreaker(int threshold, TimeSpan coolDown)
    {
        _threshold = threshold;
        _coolDown = coolDown;
    }

    public event EventHandler<BreakerStateChangedEventArgs>? StateChanged;

    public BreakerState State
    {
        get { lock (_gate) return _state; }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        BreakerStateChangedEventArgs? change = null;
        lock (_gate)
        {
            if (_state == BreakerState.Open)
            {
                if (DateTime.UtcNow - _openedUtc < _coolDown)
                    throw new InvalidOperationException("Kiln controller unavailable; circuit open.");
                change = Transition(BreakerState.HalfOpen);
            }
        }
        Raise(change);

        try
        {
            var result = await call(ct);
            lock (_gate)
            {
                _consecutiveFailures = 0;
                change = _state != BreakerState.Closed ? Transition(BreakerState.Closed) : null;
            }
            Raise(change);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lock (_gate)
            {
                _consecutiveFailures++;
                change = null;
                if (_state == BreakerState.HalfOpen || _consecutiveFailures >= _threshold)
                {
                    _openedUtc = DateTime.UtcNow;
                    if (_state != BreakerState.Open)
                        change = Transition(BreakerState.Open);
                }
            }
            Raise(change);
            throw;
        }
    }

    private BreakerStateChangedEventArgs Transition(BreakerState to)
    {
        var args = new BreakerStateChangedEventArgs(_state, to, _consecutiveFailures);
        _state = to;
        return args;
    }

    private void Raise(BreakerStateChangedEventArgs? change)
    {
        if (change is not null)
            StateChanged?.Invoke(this, change);
    }
}
