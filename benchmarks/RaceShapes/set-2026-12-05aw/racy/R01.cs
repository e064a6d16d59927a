namespace KayakRentals.PartnerBooking;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class BreakerOpenException : Exception
{
    public BreakerOpenException() : base("Partner booking API is temporarily unavailable.") { }
}

/// <summary>
/// Circuit breaker in front of the lake partners' booking API. Registered as a singleton
/// and used by every reservation request handled by the rental desk backend.
/// </summary>
public sealed class PartnerApiBreaker
{
    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private BreakerState _state = BreakerState.Closed;
    private int _consecutiveFailures;
    private DateTime _openedAtUtc;
    private bool _probeInFlight;

    public PartnerApiBreaker(int failureThreshold, TimeSpan openDuration)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public BreakerState State
    {
        get { lock (_gate) { return _state; } }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_state == BreakerState.Open)
            {
                if (DateTime.UtcNow - _openedAtUtc < _openDuration)
                {
                    throw new BreakerOpenException();
                }
                _state = BreakerState.HalfOpen;
            }
        }

        bool isProbe = false;
        if (State == BreakerState.HalfOpen)
        {
            // Only one trial request goes through while half-open.
            if (_probeInFlight)
            {
                throw new BreakerOpenException();
            }
            _probeInFlight = true;
            isProbe = true;
        }

        try
        {
            T result = await call(ct).ConfigureAwait(false);
            OnSuccess(isProbe);
            return result;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            OnFailure(isProbe);
            throw;
        }
    }

    private void OnSuccess(bool wasProbe)
    {
        lock (_gate)
        {
            if (wasProbe)
            {
                _probeInFlight = false;
            }
            _consecutiveFailures = 0;
            _state = BreakerState.Closed;
        }
    }

    private void OnFailure(bool wasProbe)
    {
        lock (_gate)
        {
            if (wasProbe)
            {
                _probeInFlight = false;
                Trip();
                return;
            }

            _consecutiveFailures++;
            if (_consecutiveFailures >= _failureThreshold && _state == BreakerState.Closed)
            {
                Trip();
            }
        }
    }

    private void Trip()
    {
        _state = BreakerState.Open;
        _openedAtUtc = DateTime.UtcNow;
        _consecutiveFailures = 0;
    }
}

/// <summary>Books kayaks through the partner API on behalf of the web front end.</summary>
public sealed class KayakBookingGateway
{
    private readonly PartnerApiBreaker _breaker;
    private readonly HttpClient _http;

    public KayakBookingGateway(PartnerApiBreaker breaker, HttpClient http)
    {
        _breaker = breaker;
        _http = http;
    }

    public Task<string> ReserveAsync(string lakeCode, int kayaks, CancellationToken ct) =>
        _breaker.ExecuteAsync(async token =>
        {
            using var response = await _http.PostAsync($"reservations/{lakeCode}?count={kayaks}", null, token);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(token);
        }, ct);
}
