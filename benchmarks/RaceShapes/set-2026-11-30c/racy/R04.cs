namespace Tailspin.Api.RateLimiting
{
    /// <summary>
    /// Token bucket used by the API gateway to throttle callers per tenant.
    /// One limiter exists per tenant and is consulted on every incoming request.
    /// Tokens are topped up by a periodic timer instead of on each request.
    /// </summary>
    public sealed class TenantTokenBucket : IDisposable
    {
        private readonly object _acquireLock = new();
        private readonly object _refillLock = new();
        private readonly double _capacity;
        private readonly double _tokensPerSecond;
        private readonly Timer _refillTimer;
        private readonly TimeSpan _refillInterval;
        private double _tokens;
        private long _rejected;

        public TenantTokenBucket(string tenantId, double capacity, double tokensPerSecond, TimeSpan refillInterval)
        {
            TenantId = tenantId;
            _capacity = capacity;
            _tokensPerSecond = tokensPerSecond;
            _refillInterval = refillInterval;
            _tokens = capacity;
            _refillTimer = new Timer(OnRefillTimer, null, refillInterval, refillInterval);
        }

        public string TenantId { get; }

        public long RejectedCount => Interlocked.Read(ref _rejected);

        public bool TryAcquire(double cost = 1)
        {
            lock (_acquireLock)
            {
                if (_tokens >= cost)
                {
                    _tokens -= cost;
                    return true;
                }
            }

            Interlocked.Increment(ref _rejected);
            return false;
        }

        public TimeSpan EstimateWait(double cost = 1)
        {
            double available;
            lock (_acquireLock)
            {
                available = _tokens;
            }

            if (available >= cost)
            {
                return TimeSpan.Zero;
            }
            return TimeSpan.FromSeconds((cost - available) / _tokensPerSecond);
        }

        private void OnRefillTimer(object? state)
        {
            var amount = _tokensPerSecond * _refillInterval.TotalSeconds;
            lock (_refillLock)
            {
                _tokens = Math.Min(_capacity, _tokens + amount);
            }
        }

        public void Dispose() => _refillTimer.Dispose();
    }
}
