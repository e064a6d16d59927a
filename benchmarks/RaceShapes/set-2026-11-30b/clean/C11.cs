namespace Blind2.C11;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(TimeSpan retryAfter)
        : base($"Circuit open; retry after {retryAfter.TotalSeconds:F0}s.") => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Circuit breaker shared by all calls to the inventory service.
/// </summary>
public sealed class InventoryCircuitBreaker
{
    private readonly object _sync = new();
    private readonly int _threshold;
    private readonly TimeSpan _openDuration;
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private DateTime _openedUtc;
    private bool _trialInFlight;

    public InventoryCircuitBreaker(int threshold, TimeSpan openDuration)
    {
        _threshold = threshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get
        {
            lock (_sync)
                return _state;
        }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        lock (_sync)
        {
            if (_state == BreakerState.Open)
            {
                var elapsed = DateTime.UtcNow - _openedUtc;
                if (elapsed < _openDuration)
                    throw new BrokenCircuitException(_openDuration - elapsed);
                _state = BreakerState.HalfOpen;
            }

            if (_state == BreakerState.HalfOpen)
            {
                if (_trialInFlight)
                    throw new BrokenCircuitException(TimeSpan.FromSeconds(1));
                _trialInFlight = true;
            }
        }

        try
        {
            var result = await call(ct).ConfigureAwait(false);
            lock (_sync)
            {
                _failures = 0;
                _state = BreakerState.Closed;
                _trialInFlight = false;
            }
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lock (_sync)
            {
                _failures++;
                _trialInFlight = false;
                if (_state == BreakerState.HalfOpen || _failures >= _threshold)
                {
                    _state = BreakerState.Open;
                    _openedUtc = DateTime.UtcNow;
                }
            }
            throw;
        }
    }
}
