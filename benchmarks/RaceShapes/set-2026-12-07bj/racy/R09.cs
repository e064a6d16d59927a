using System;
using System.Threading;

namespace Blind62.CableCars.Resilience
{
    public enum CircuitState
    {
        Closed,
        Open,
        HalfOpen,
    }

    /// <summary>
    /// Circuit breaker for the drive controller of one cable car line. The station
    /// software creates one breaker per line; every gondola's telemetry client on that
    /// line reports outcomes through it concurrently.
    /// </summary>
    public sealed class LineCircuitBreaker
    {
        private static int s_openLines;

        private readonly object _gate = new();
        private readonly string _line;
        private readonly int _failureThreshold;
        private readonly TimeSpan _openDuration;
        private CircuitState _state = CircuitState.Closed;
        private int _consecutiveFailures;
        private DateTime _openedAtUtc;

        public LineCircuitBreaker(string line, int failureThreshold, TimeSpan openDuration)
        {
            _line = line;
            _failureThreshold = failureThreshold;
            _openDuration = openDuration;
        }

        /// <summary>Number of lines whose drive circuit is currently open; shown on the ops wall.</summary>
        public static int OpenLines => Volatile.Read(ref s_openLines);

        public string Line => _line;

        public bool AllowRequest()
        {
            lock (_gate)
            {
                if (_state == CircuitState.Open && DateTime.UtcNow - _openedAtUtc >= _openDuration)
                {
                    _state = CircuitState.HalfOpen;
                }

                return _state != CircuitState.Open;
            }
        }

        public void RecordSuccess()
        {
            lock (_gate)
            {
                if (_state != CircuitState.Closed)
                {
                    s_openLines--;
                }

                _state = CircuitState.Closed;
                _consecutiveFailures = 0;
            }
        }

        public void RecordFailure()
        {
            lock (_gate)
            {
                _consecutiveFailures++;
                if (_state == CircuitState.HalfOpen)
                {
                    _state = CircuitState.Open;
                    _openedAtUtc = DateTime.UtcNow;
                }
                else if (_state == CircuitState.Closed && _consecutiveFailures >= _failureThreshold)
                {
                    _state = CircuitState.Open;
                    _openedAtUtc = DateTime.UtcNow;
                    s_openLines++;
                }
            }
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
    }
}
