using System.Net;
using System.Net.Http;

namespace Blind65.SundialMakers.Foundry;

public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker for the bronze foundry's ordering API, shared by every
/// client in the process through the "foundry" HttpClient pipeline.
/// </summary>
public sealed class FoundryCircuitBreakerHandler : DelegatingHandler
{
    private readonly object _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openFor;
    private volatile CircuitState _state = CircuitState.Closed;
    private int _consecutiveFailures;
    private DateTimeOffset _openedAt;
    private bool _trialInFlight;

    public FoundryCircuitBreakerHandler(int failureThreshold, TimeSpan openFor)
    {
        _failureThreshold = failureThreshold;
        _openFor = openFor;
    }

    public CircuitState State => _state;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!TryEnter())
        {
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Record((int)response.StatusCode < 500);
            return response;
        }
        catch (HttpRequestException)
        {
            Record(success: false);
            throw;
        }
    }

    private bool TryEnter()
    {
        if (_state == CircuitState.Closed)
        {
            return true;
        }

        lock (_gate)
        {
            switch (_state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open when DateTimeOffset.UtcNow - _openedAt >= _openFor:
                    _state = CircuitState.HalfOpen;
                    _trialInFlight = true;
                    return true;
                case CircuitState.HalfOpen when !_trialInFlight:
                    _trialInFlight = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    private void Record(bool success)
    {
        lock (_gate)
        {
            _trialInFlight = false;
            if (success)
            {
                _consecutiveFailures = 0;
                _state = CircuitState.Closed;
                return;
            }

            _consecutiveFailures++;
            if (_state == CircuitState.HalfOpen || _consecutiveFailures >= _failureThreshold)
            {
                _state = CircuitState.Open;
                _openedAt = DateTimeOffset.UtcNow;
            }
        }
    }
}

public sealed class GnomonOrderClient
{
    private readonly HttpClient _http;

    public GnomonOrderClient(HttpClient http) => _http = http;

    public async Task<bool> OrderCastingAsync(string pattern, int quantity, CancellationToken token)
    {
        using var response = await _http.PostAsync($"castings?pattern={pattern}&qty={quantity}", null, token);
        return response.IsSuccessStatusCode;
    }
}
