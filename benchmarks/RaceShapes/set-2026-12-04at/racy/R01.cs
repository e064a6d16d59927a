namespace Blind46.TramDepot.PointsControl;

public sealed class BreakerOpenException : Exception
{
    public BreakerOpenException(TimeSpan retryAfter)
        : base($"Points-control service unavailable, retry after {retryAfter.TotalSeconds:F0}s") => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Circuit breaker in front of the depot's points-control service.
/// Registered as a singleton; every dispatcher request that moves a switch
/// goes through <see cref="ExecuteAsync{T}"/>.
/// </summary>
public sealed class PointsControlBreaker
{
    private enum BreakerState { Closed, Open, HalfOpen }

    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;

    private BreakerState _state = BreakerState.Closed;
    private DateTime _openedAtUtc;
    private int _consecutiveFailures;

    public PointsControlBreaker(int failureThreshold, TimeSpan openDuration)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public bool IsOpen
    {
        get { lock (_gate) return _state == BreakerState.Open; }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_state == BreakerState.Open)
            {
                var elapsed = DateTime.UtcNow - _openedAtUtc;
                if (elapsed < _openDuration)
                    throw new BreakerOpenException(_openDuration - elapsed);

                // let a trial request through
                _state = BreakerState.HalfOpen;
            }
        }

        try
        {
            T result = await call(ct).ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OnFailure();
            throw;
        }
    }

    private void OnSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _state = BreakerState.Closed;
        }
    }

    private void OnFailure()
    {
        int failures = ++_consecutiveFailures;
        if (failures < _failureThreshold)
            return;

        lock (_gate)
        {
            _state = BreakerState.Open;
            _openedAtUtc = DateTime.UtcNow;
        }
    }
}
