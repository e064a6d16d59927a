namespace Blind34.SledDog.Timing;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker around the checkpoint timing feed. The checkpoint pollers
/// for every team share one breaker, so its members are called concurrently.
/// </summary>
public sealed class TimingFeedBreaker
{
    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private int _consecutiveFailures;
    private BreakerState _state = BreakerState.Closed;
    private DateTime _openedUtc;

    public TimingFeedBreaker(int failureThreshold, TimeSpan openDuration)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public bool AllowRequest()
    {
        lock (_gate)
        {
            if (_state == BreakerState.Open && DateTime.UtcNow - _openedUtc >= _openDuration)
            {
                _state = BreakerState.HalfOpen;
            }

            return _state != BreakerState.Open;
        }
    }

    public void RecordSuccess()
    {
        _consecutiveFailures = 0;
        lock (_gate)
        {
            if (_state == BreakerState.HalfOpen)
            {
                _state = BreakerState.Closed;
            }
        }
    }

    public void RecordFailure()
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            if (_state == BreakerState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = BreakerState.Open;
                _openedUtc = DateTime.UtcNow;
            }
        }
    }
}

public sealed class CheckpointPoller
{
    private readonly TimingFeedBreaker _breaker;
    private readonly Func<string, CancellationToken, Task<TimeSpan?>> _fetchSplit;

    public CheckpointPoller(TimingFeedBreaker breaker, Func<string, CancellationToken, Task<TimeSpan?>> fetchSplit)
    {
        _breaker = breaker;
        _fetchSplit = fetchSplit;
    }

    public Task<TimeSpan?[]> PollTeamsAsync(IEnumerable<string> bibs, CancellationToken ct) =>
        Task.WhenAll(bibs.Select(bib => PollOneAsync(bib, ct)));

    private async Task<TimeSpan?> PollOneAsync(string bib, CancellationToken ct)
    {
        if (!_breaker.AllowRequest())
        {
            return null;
        }

        try
        {
            var split = await _fetchSplit(bib, ct).ConfigureAwait(false);
            _breaker.RecordSuccess();
            return split;
        }
        catch (HttpRequestException)
        {
            _breaker.RecordFailure();
            return null;
        }
    }
}
