namespace Blind57.IceCreamVans.Dispatch;

public sealed class BreakerOpenException : Exception
{
    public BreakerOpenException(string name) : base($"Circuit '{name}' is open.") { }
}

/// <summary>
/// Wraps calls to the route-planning API used to send ice cream vans to new pitches.
/// A single breaker is registered in DI and shared by every dispatch request.
/// </summary>
public sealed class RoutePlannerBreaker
{
    private enum BreakerState { Closed, Open, HalfOpen }

    private readonly object _gate = new();
    private readonly string _name;
    private readonly int _failureThreshold;
    private readonly TimeSpan _coolDown;
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private DateTime _openedAtUtc;

    public RoutePlannerBreaker(string name, int failureThreshold, TimeSpan coolDown)
    {
        _name = name;
        _failureThreshold = failureThreshold;
        _coolDown = coolDown;
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        if (!TryEnter())
        {
            throw new BreakerOpenException(_name);
        }

        try
        {
            var result = await call(ct);
            OnSuccess();
            return result;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            OnFailure();
            throw;
        }
    }

    private bool TryEnter()
    {
        BreakerState state;
        DateTime openedAt;
        lock (_gate)
        {
            state = _state;
            openedAt = _openedAtUtc;
        }

        if (state == BreakerState.Closed) return true;
        if (state == BreakerState.HalfOpen) return false;
        if (DateTime.UtcNow - openedAt < _coolDown) return false;

        // Cool-down elapsed: let a single trial request through.
        _state = BreakerState.HalfOpen;
        return true;
    }

    private void OnSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _state = BreakerState.Closed;
        }
    }

    private void OnFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (_state == BreakerState.HalfOpen || _failures >= _failureThreshold)
            {
                _state = BreakerState.Open;
                _openedAtUtc = DateTime.UtcNow;
            }
        }
    }
}

public sealed record PitchRequest(string VanId, double Latitude, double Longitude);
public sealed record Route(string VanId, IReadOnlyList<(double Lat, double Lon)> Waypoints);

/// <summary>Called concurrently by the dispatcher whenever a van is sent to a new pitch.</summary>
public sealed class VanDispatchService
{
    private readonly RoutePlannerBreaker _breaker;
    private readonly HttpClient _http;

    public VanDispatchService(RoutePlannerBreaker breaker, HttpClient http)
    {
        _breaker = breaker;
        _http = http;
    }

    public Task<Route> PlanAsync(PitchRequest request, CancellationToken ct) =>
        _breaker.ExecuteAsync(async token =>
        {
            using var response = await _http.GetAsync(
                $"route?van={request.VanId}&lat={request.Latitude}&lon={request.Longitude}", token);
            response.EnsureSuccessStatusCode();
            return new Route(request.VanId, Array.Empty<(double, double)>());
        }, ct);
}
