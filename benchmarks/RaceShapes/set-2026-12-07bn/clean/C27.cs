namespace Blind66.Falconry.Vendor;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(TimeSpan retryAfter)
        : base($"Telemetry vendor circuit is open; retry after {retryAfter.TotalSeconds:F0}s.") => RetryAfter = retryAfter;

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Circuit breaker around the falcon telemetry vendor's API. One instance is shared by every
/// client in the mews management app, so a vendor outage trips it for all of them.
/// </summary>
public sealed class TelemetryVendorCircuit
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly int _failureThreshold;
    private readonly TimeSpan _openFor;
    private CircuitState _state = CircuitState.Closed;
    private int _failures;
    private DateTimeOffset _openedAt;
    private bool _trialInFlight;

    public TelemetryVendorCircuit(TimeProvider clock, int failureThreshold = 5, TimeSpan? openFor = null)
    {
        _clock = clock;
        _failureThreshold = failureThreshold;
        _openFor = openFor ?? TimeSpan.FromSeconds(30);
    }

    public CircuitState State
    {
        get { lock (_gate) return _state; }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        bool isTrial;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_state == CircuitState.Open)
            {
                var remaining = _openedAt + _openFor - now;
                if (remaining > TimeSpan.Zero)
                {
                    throw new CircuitOpenException(remaining);
                }

                _state = CircuitState.HalfOpen;
            }

            if (_state == CircuitState.HalfOpen)
            {
                if (_trialInFlight)
                {
                    throw new CircuitOpenException(TimeSpan.FromSeconds(1));
                }

                _trialInFlight = true;
                isTrial = true;
            }
            else
            {
                isTrial = false;
            }
        }

        try
        {
            var result = await call(ct).ConfigureAwait(false);
            lock (_gate)
            {
                _failures = 0;
                _state = CircuitState.Closed;
                if (isTrial)
                {
                    _trialInFlight = false;
                }
            }

            return result;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller gave up; that says nothing about the vendor.
            lock (_gate)
            {
                if (isTrial)
                {
                    _trialInFlight = false;
                }
            }

            throw;
        }
        catch (Exception)
        {
            lock (_gate)
            {
                if (isTrial)
                {
                    _trialInFlight = false;
                }

                _failures++;
                if (isTrial || _failures >= _failureThreshold)
                {
                    _state = CircuitState.Open;
                    _openedAt = _clock.GetUtcNow();
                }
            }

            throw;
        }
    }
}
