namespace Tailspin.Api.Throttling
{
    /// <summary>
    /// Per-client token bucket consulted by the throttling middleware on every
    /// request. A timer tops the bucket up at a fixed cadence.
    /// </summary>
    public sealed class ClientTokenBucket : IDisposable
    {
        private readonly object _lock = new();
        private readonly double _capacity;
        private readonly double _refillPerTick;
        private readonly Timer _refillTimer;
        private double _tokens;
        private long _rejected;

        public ClientTokenBucket(string clientId, double capacity, double tokensPerSecond, TimeSpan tick)
        {
            ClientId = clientId;
            _capacity = capacity;
            _refillPerTick = tokensPerSecond * tick.TotalSeconds;
            _tokens = capacity;
            _refillTimer = new Timer(Refill, null, tick, tick);
        }

        public string ClientId { get; }

        public long Rejected => Interlocked.Read(ref _rejected);

        public double AvailableTokens
        {
            get
            {
                lock (_lock)
                {
                    return _tokens;
                }
            }
        }

        public bool TryTake(double cost = 1)
        {
            lock (_lock)
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

        private void Refill(object? state)
        {
            lock (_lock)
            {
                _tokens = Math.Min(_capacity, _tokens + _refillPerTick);
            }
        }

        public void Dispose() => _refillTimer.Dispose();
    }
}
