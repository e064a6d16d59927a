namespace Blind60.LighthouseTrust.Telemetry;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker in front of the trust's lamp-telemetry upload endpoint.
/// One instance is shared by all uploader workers.
/// </summary>
public sealed class UploadCircuitBreaker
{
    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private BreakerState _state = BreakerState.Closed;
    private DateTime _openedAtUtc;
    private int _consecutiveFailures;

    public UploadCircuitBreaker(int failureThreshold, TimeSpan openDuration)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get { lock (_gate) return _state; }
    }

    public bool AllowRequest()
    {
        lock (_gate)
        {
            if (_state == BreakerState.Open && DateTime.UtcNow - _openedAtUtc >= _openDuration)
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
        _consecutiveFailures++;

        lock (_gate)
        {
            if (_state == BreakerState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = BreakerState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }
}

public sealed class LampTelemetryUploader
{
    private readonly UploadCircuitBreaker _breaker;
    private readonly Func<byte[], CancellationToken, Task> _send;

    public LampTelemetryUploader(UploadCircuitBreaker breaker, Func<byte[], CancellationToken, Task> send)
    {
        _breaker = breaker;
        _send = send;
    }

    public async Task<bool> TryUploadAsync(byte[] payload, CancellationToken ct)
    {
        if (!_breaker.AllowRequest())
        {
            return false;
        }

        try
        {
            await _send(payload, ct).ConfigureAwait(false);
            _breaker.RecordSuccess();
            return true;
        }
        catch (HttpRequestException)
        {
            _breaker.RecordFailure();
            return false;
        }
    }

    /// <summary>Uploads the readings from every lighthouse in parallel.</summary>
    public async Task<int> UploadAllAsync(IEnumerable<byte[]> payloads, CancellationToken ct)
    {
        var results = await Task.WhenAll(payloads.Select(p => Task.Run(() => TryUploadAsync(p, ct), ct)));
        return results.Count(ok => ok);
    }
}
