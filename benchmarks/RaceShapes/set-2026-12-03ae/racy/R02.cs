namespace Blind31.AvalanchePatrols.Stations;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker wrapped around calls to a remote snow-pack weather station.
/// A single breaker per station is shared by every poller and by the dashboard.
/// </summary>
public sealed class StationCircuitBreaker
{
    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _cooldown;
    private BreakerState _state = BreakerState.Closed;
    private int _consecutiveFailures;
    private DateTime _openedAtUtc;

    public StationCircuitBreaker(int failureThreshold, TimeSpan cooldown)
    {
        _failureThreshold = failureThreshold;
        _cooldown = cooldown;
    }

    public BreakerState State
    {
        get { lock (_gate) { return _state; } }
    }

    public bool AllowRequest()
    {
        lock (_gate)
        {
            if (_state == BreakerState.Open && DateTime.UtcNow - _openedAtUtc >= _cooldown)
            {
                _state = BreakerState.HalfOpen;
            }

            return _state != BreakerState.Open;
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _state = BreakerState.Closed;
        }
    }

    public void RecordFailure()
    {
        int failures = ++_consecutiveFailures;
        if (failures >= _failureThreshold)
        {
            lock (_gate)
            {
                _state = BreakerState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }
}

/// <summary>Polls several sensor masts that all report through the same station uplink.</summary>
public sealed class SnowPackPoller
{
    private readonly StationCircuitBreaker _breaker = new(5, TimeSpan.FromSeconds(30));
    private readonly Func<string, CancellationToken, Task<double>> _readDepth;

    public SnowPackPoller(Func<string, CancellationToken, Task<double>> readDepth)
    {
        _readDepth = readDepth;
    }

    public async Task<IReadOnlyDictionary<string, double?>> PollAsync(IReadOnlyList<string> masts, CancellationToken ct)
    {
        var tasks = masts.Select(async mast =>
        {
            if (!_breaker.AllowRequest())
            {
                return (mast, (double?)null);
            }

            try
            {
                double depth = await _readDepth(mast, ct).ConfigureAwait(false);
                _breaker.RecordSuccess();
                return (mast, (double?)depth);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                _breaker.RecordFailure();
                return (mast, (double?)null);
            }
        });

        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.ToDictionary(r => r.mast, r => r.Item2);
    }
}
