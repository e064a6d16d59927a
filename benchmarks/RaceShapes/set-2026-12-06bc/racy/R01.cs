namespace Blind55.Racy.R01;

/// <summary>
/// Per-partner request quota for the car wash booking gateway. One instance per partner
/// is kept in <see cref="PartnerQuotaRegistry"/>, which is registered as a singleton, so
/// <see cref="TryConsume"/> is called by every request handled for that partner.
/// </summary>
public sealed class WashBookingQuota : IDisposable
{
    private readonly object _sync = new();
    private readonly int _capacity;
    private readonly int _refillPerTick;
    private readonly Timer _refillTimer;
    private int _tokens;
    private long _rejected;

    public WashBookingQuota(int capacity, int refillPerTick, TimeSpan tickInterval)
    {
        _capacity = capacity;
        _refillPerTick = refillPerTick;
        _tokens = capacity;
        _refillTimer = new Timer(Refill, null, tickInterval, tickInterval);
    }

    public long RejectedCount => Interlocked.Read(ref _rejected);

    public int Available
    {
        get { lock (_sync) return _tokens; }
    }

    public bool TryConsume(int cost = 1)
    {
        lock (_sync)
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
        // Top the bucket back up without going over the partner's burst capacity.
        int next = _tokens + _refillPerTick;
        _tokens = next > _capacity ? _capacity : next;
    }

    public void Dispose() => _refillTimer.Dispose();
}

/// <summary>
/// Holds one quota per booking partner (fleet operators, fuel station chains, ...).
/// </summary>
public sealed class PartnerQuotaRegistry : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, WashBookingQuota> _quotas = new();

    public WashBookingQuota For(string partnerId) =>
        _quotas.GetOrAdd(partnerId, _ => new WashBookingQuota(capacity: 50, refillPerTick: 5, TimeSpan.FromSeconds(1)));

    public void Dispose()
    {
        foreach (var quota in _quotas.Values)
        {
            quota.Dispose();
        }
    }
}

public sealed class WashBookingHandler
{
    private readonly PartnerQuotaRegistry _registry;

    public WashBookingHandler(PartnerQuotaRegistry registry) => _registry = registry;

    public async Task<int> HandleAsync(string partnerId, string plate, CancellationToken ct)
    {
        if (!_registry.For(partnerId).TryConsume())
        {
            return 429;
        }

        await Task.Delay(5, ct); // stand-in for writing the booking
        return 201;
    }
}
