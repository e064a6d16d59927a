using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.FerryTerminal.Ticketing;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class BerthApiUnavailableException : Exception
{
    public BerthApiUnavailableException(string message) : base(message)
    {
    }
}

/// <summary>
/// Circuit breaker around the harbour authority's berth-allocation API.
/// Registered as a singleton; every ticket desk and kiosk request for a
/// vehicle deck slot passes through it.
/// </summary>
public sealed class BerthApiCircuitBreaker
{
    private readonly object _stateLock = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private readonly TimeProvider _clock;
    private int _consecutiveFailures;
    private BreakerState _state = BreakerState.Closed;
    private DateTimeOffset _openedAt;

    public BerthApiCircuitBreaker(int failureThreshold, TimeSpan breakDuration, TimeProvider clock)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
        _clock = clock;
    }

    public BreakerState State
    {
        get { lock (_stateLock) return _state; }
    }

    public bool AllowRequest()
    {
        lock (_stateLock)
        {
            switch (_state)
            {
                case BreakerState.Closed:
                    return true;
                case BreakerState.Open when _clock.GetUtcNow() - _openedAt >= _breakDuration:
                    _state = BreakerState.HalfOpen;
                    return true;
                default:
                    return false;
            }
        }
    }

    public void RecordSuccess()
    {
        Interlocked.Exchange(ref _consecutiveFailures, 0);
        lock (_stateLock)
        {
            _state = BreakerState.Closed;
        }
    }

    public void RecordFailure()
    {
        int failures = Interlocked.Increment(ref _consecutiveFailures);
        lock (_stateLock)
        {
            if (failures < _failureThreshold && _state != BreakerState.HalfOpen)
            {
                return;
            }

            _state = BreakerState.Open;
        }

        // Remember when the breaker tripped so AllowRequest knows when to probe again.
        _openedAt = _clock.GetUtcNow();
    }
}

/// <summary>
/// Typed client used by the ticketing endpoints to reserve deck slots.
/// </summary>
public sealed class BerthAllocationClient
{
    private readonly HttpClient _http;
    private readonly BerthApiCircuitBreaker _breaker;

    public BerthAllocationClient(HttpClient http, BerthApiCircuitBreaker breaker)
    {
        _http = http;
        _breaker = breaker;
    }

    public async Task<string> ReserveAsync(string sailingId, string vehicleReg, CancellationToken ct)
    {
        if (!_breaker.AllowRequest())
        {
            throw new BerthApiUnavailableException($"Berth API paused; cannot reserve {vehicleReg} on {sailingId}.");
        }

        try
        {
            using var content = new StringContent($"{{\"sailing\":\"{sailingId}\",\"reg\":\"{vehicleReg}\"}}");
            using var response = await _http.PostAsync("allocations", content, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            _breaker.RecordSuccess();
            return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            _breaker.RecordFailure();
            throw;
        }
    }
}
