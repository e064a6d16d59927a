namespace Blind8.Throttling.Tenants;

/// <summary>
/// Per-tenant request quota. One instance per tenant is kept in a singleton
/// map and consulted by every API request for that tenant. Tokens are topped
/// up by a periodic timer.
/// </summary>
public sealed class TenantQuota : IDisposable
{
    private readonly object _lock = new();
    private readonly Timer _refillTimer;
    private readonly int _burst;
    private readonly int _refillAmount;
    private int _available;
    private long _granted;
    private long _denied;
    private DateTime _lastRefillUtc;

    public TenantQuota(string tenantId, int burst, int refillAmount, TimeSpan refillPeriod)
    {
        TenantId = tenantId;
        _burst = burst;
        _refillAmount = refillAmount;
        _available = burst;
        _lastRefillUtc = DateTime.UtcNow;
        _refillTimer = new Timer(Refill, null, refillPeriod, refillPeriod);
    }

    public string TenantId { get; }

    public bool TryConsume(int cost = 1)
    {
        lock (_lock)
        {
            if (_available >= cost)
            {
                _available -= cost;
                _granted++;
                return true;
            }

            _denied++;
            return false;
        }
    }

    public (int Available, long Granted, long Denied, DateTime LastRefillUtc) GetUsage()
    {
        lock (_lock)
        {
            return (_available, _granted, _denied, _lastRefillUtc);
        }
    }

    private void Refill(object? state)
    {
        lock (_lock)
        {
            _available = Math.Min(_burst, _available + _refillAmount);
            _lastRefillUtc = DateTime.UtcNow;
        }
    }

    public void Dispose() => _refillTimer.Dispose();
}
