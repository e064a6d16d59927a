namespace Blind61.SkiLifts.Passes;

public enum CircuitState { Closed = 0, Open = 1, HalfOpen = 2 }

/// <summary>
/// Circuit breaker for calls to the ski-pass validation service. One instance is shared by
/// every turnstile gate handler.
/// </summary>
public sealed class PassServiceCircuit
{
    private readonly int _failureThreshold;
    private readonly long _openDurationTicks;
    private readonly TimeProvider _clock;
    private int _state;              // CircuitState
    private int _consecutiveFailures;
    private long _openedAtTicks;

    public PassServiceCircuit(int failureThreshold, TimeSpan openDuration, TimeProvider clock)
    {
        _failureThreshold = failureThreshold;
        _openDurationTicks = openDuration.Ticks;
        _clock = clock;
    }

    public CircuitState State => (CircuitState)Volatile.Read(ref _state);

    /// <summary>Returns true if the caller may attempt a call now.</summary>
    public bool TryAcquire()
    {
        var state = (CircuitState)Volatile.Read(ref _state);
        if (state == CircuitState.Closed)
            return true;

        if (state == CircuitState.Open)
        {
            var openedAt = Interlocked.Read(ref _openedAtTicks);
            if (_clock.GetUtcNow().UtcTicks - openedAt < _openDurationTicks)
                return false;
            // let exactly one probe through
            return Interlocked.CompareExchange(ref _state, (int)CircuitState.HalfOpen, (int)CircuitState.Open)
                   == (int)CircuitState.Open;
        }

        return false; // half-open: a probe is already in flight
    }

    public void OnSuccess()
    {
        Interlocked.Exchange(ref _consecutiveFailures, 0);
        Interlocked.Exchange(ref _state, (int)CircuitState.Closed);
    }

    public void OnFailure()
    {
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        var state = (CircuitState)Volatile.Read(ref _state);
        if (state == CircuitState.HalfOpen || failures >= _failureThreshold)
        {
            Interlocked.Exchange(ref _openedAtTicks, _clock.GetUtcNow().UtcTicks);
            Interlocked.Exchange(ref _state, (int)CircuitState.Open);
        }
    }
}

public interface IPassValidationService
{
    Task<bool> IsValidAsync(string passId, string liftId, CancellationToken ct);
}

/// <summary>Turnstile gate handler; falls back to the offline list while the circuit is open.</summary>
public sealed class TurnstileGate
{
    private readonly PassServiceCircuit _circuit;
    private readonly IPassValidationService _service;
    private readonly Func<string, bool> _offlineList;

    public TurnstileGate(PassServiceCircuit circuit, IPassValidationService service, Func<string, bool> offlineList)
    {
        _circuit = circuit;
        _service = service;
        _offlineList = offlineList;
    }

    public async Task<bool> AdmitAsync(string passId, string liftId, CancellationToken ct)
    {
        if (!_circuit.TryAcquire())
            return _offlineList(passId);

        try
        {
            var ok = await _service.IsValidAsync(passId, liftId, ct);
            _circuit.OnSuccess();
            return ok;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            _circuit.OnFailure();
            return _offlineList(passId);
        }
    }
}
