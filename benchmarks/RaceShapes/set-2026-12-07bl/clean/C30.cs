namespace Blind64.LampMuseum.Integration
{
    public enum CircuitState { Closed, Open, HalfOpen }

    /// <summary>
    /// Circuit breaker for calls to the conservation lab's humidity API. One instance per
    /// downstream endpoint is shared by every client of that endpoint.
    /// </summary>
    public sealed class ConservationLabBreaker
    {
        private readonly object _gate = new();
        private readonly int _failureThreshold;
        private readonly TimeSpan _openFor;
        private readonly TimeProvider _time;
        private CircuitState _state = CircuitState.Closed;
        private int _consecutiveFailures;
        private DateTimeOffset _openedAt;
        private bool _probeInFlight;

        public ConservationLabBreaker(int failureThreshold, TimeSpan openFor, TimeProvider time)
        {
            _failureThreshold = failureThreshold;
            _openFor = openFor;
            _time = time;
        }

        public CircuitState State
        {
            get
            {
                lock (_gate)
                {
                    return _state;
                }
            }
        }

        public bool TryEnter()
        {
            lock (_gate)
            {
                switch (_state)
                {
                    case CircuitState.Closed:
                        return true;
                    case CircuitState.Open when _time.GetUtcNow() - _openedAt >= _openFor:
                        _state = CircuitState.HalfOpen;
                        _probeInFlight = true;
                        return true;
                    case CircuitState.HalfOpen when !_probeInFlight:
                        _probeInFlight = true;
                        return true;
                    default:
                        return false;
                }
            }
        }

        public void OnSuccess()
        {
            lock (_gate)
            {
                _consecutiveFailures = 0;
                _probeInFlight = false;
                _state = CircuitState.Closed;
            }
        }

        public void OnFailure()
        {
            lock (_gate)
            {
                _probeInFlight = false;
                _consecutiveFailures++;
                if (_state == CircuitState.HalfOpen || _consecutiveFailures >= _failureThreshold)
                {
                    _state = CircuitState.Open;
                    _openedAt = _time.GetUtcNow();
                }
            }
        }
    }

    /// <summary>HTTP handler that consults the breaker around each humidity API call.</summary>
    public sealed class BreakerHandler : DelegatingHandler
    {
        private readonly ConservationLabBreaker _breaker;

        public BreakerHandler(ConservationLabBreaker breaker) => _breaker = breaker;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (!_breaker.TryEnter())
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
            }

            try
            {
                var response = await base.SendAsync(request, ct).ConfigureAwait(false);
                if ((int)response.StatusCode >= 500) _breaker.OnFailure(); else _breaker.OnSuccess();
                return response;
            }
            catch (HttpRequestException)
            {
                _breaker.OnFailure();
                throw;
            }
        }
    }
}
