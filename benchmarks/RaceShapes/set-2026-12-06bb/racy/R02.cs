namespace Blind54.VendingFleet.Uplink;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker around the telemetry uplink used to talk to vending machines in the field.
/// Registered as a singleton; every restock, price-change and diagnostics request goes
/// through the same instance.
/// </summary>
public sealed class UplinkCircuitBreaker
{
    private readonly object _stateLock = new();
    private readonly object _metricsLock = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;

    private CircuitState _state = CircuitState.Closed;
    private int _consecutiveFailures;
    private DateTime _openedAtUtc;
    private long _successCount;

    public UplinkCircuitBreaker(int failureThreshold, TimeSpan breakDuration)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
    }

    public bool AllowRequest()
    {
        lock (_stateLock)
        {
            if (_state == CircuitState.Open && DateTime.UtcNow - _openedAtUtc >= _breakDuration)
            {
                _state = CircuitState.HalfOpen;
                return true;
            }

            return _state != CircuitState.Open;
        }
    }

    public void RecordSuccess()
    {
        lock (_metricsLock)
        {
            _successCount++;
            _consecutiveFailures = 0;
            _state = CircuitState.Closed;
        }
    }

    public void RecordFailure()
    {
        lock (_stateLock)
        {
            _consecutiveFailures++;
            if (_state == CircuitState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = CircuitState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }

    public long SuccessCount
    {
        get
        {
            lock (_metricsLock)
            {
                return _successCount;
            }
        }
    }
}

/// <summary>Sends commands to a machine through the breaker.</summary>
public sealed class MachineCommandSender
{
    private readonly UplinkCircuitBreaker _breaker;
    private readonly HttpClient _http;

    public MachineCommandSender(UplinkCircuitBreaker breaker, HttpClient http)
    {
        _breaker = breaker;
        _http = http;
    }

    public async Task<bool> SendAsync(string machineId, string command, CancellationToken ct)
    {
        if (!_breaker.AllowRequest())
        {
            return false;
        }

        try
        {
            using var response = await _http.PostAsync(
                $"machines/{machineId}/commands", new StringContent(command), ct);
            response.EnsureSuccessStatusCode();
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
