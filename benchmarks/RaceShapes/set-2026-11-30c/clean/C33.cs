namespace Tailspin.Resilience
{
    public enum BreakerState { Closed, Open, HalfOpen }

    public sealed class BrokenCircuitException : Exception
    {
        public BrokenCircuitException(string name, TimeSpan retryAfter)
            : base($"Circuit '{name}' is open; retry after {retryAfter.TotalSeconds:F0}s.") => RetryAfter = retryAfter;

        public TimeSpan RetryAfter { get; }
    }

    /// <summary>
    /// Consecutive-failure circuit breaker guarding calls to a downstream service.
    /// One breaker per downstream is shared by all requests in the process.
    /// </summary>
    public sealed class CircuitBreaker
    {
        private readonly object _sync = new();
        private readonly string _name;
        private readonly int _failureThreshold;
        private readonly TimeSpan _breakDuration;
        private readonly Func<DateTime> _utcNow;
        private BreakerState _state = BreakerState.Closed;
        private int _consecutiveFailures;
        private DateTime _openedAtUtc;
        private bool _probeInFlight;

        public CircuitBreaker(string name, int failureThreshold, TimeSpan breakDuration, Func<DateTime>? utcNow = null)
        {
            _name = name;
            _failureThreshold = failureThreshold;
            _breakDuration = breakDuration;
            _utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        public BreakerState State
        {
            get
            {
                lock (_sync)
                {
                    return _state;
                }
            }
        }

        public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
        {
            BeforeCall();
            try
            {
                var result = await action(cancellationToken).ConfigureAwait(false);
                OnSuccess();
                return result;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                OnFailure();
                throw;
            }
        }

        private void BeforeCall()
        {
            lock (_sync)
            {
                if (_state == BreakerState.Closed)
                {
                    return;
                }

                var elapsed = _utcNow() - _openedAtUtc;
                if (_state == BreakerState.Open && elapsed >= _breakDuration)
                {
                    _state = BreakerState.HalfOpen;
                }

                if (_state == BreakerState.HalfOpen && !_probeInFlight)
                {
                    _probeInFlight = true;
                    return;
                }

                throw new BrokenCircuitException(_name, elapsed < _breakDuration ? _breakDuration - elapsed : TimeSpan.Zero);
            }
        }

        private void OnSuccess()
        {
            lock (_sync)
            {
                _consecutiveFailures = 0;
                _probeInFlight = false;
                _state = BreakerState.Closed;
            }
        }

        private void OnFailure()
        {
            lock (_sync)
            {
                _probeInFlight = false;
                _consecutiveFailures++;
                if (_state == BreakerState.HalfOpen || _consecutiveFailures >= _failureThreshold)
                {
                    _state = BreakerState.Open;
                    _openedAtUtc = _utcNow();
                }
            }
        }
    }
}
