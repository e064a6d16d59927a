namespace Blind46.Falconry.FlightSlots;

/// <summary>
/// Token bucket for the falconry centre's public flight-display booking API.
/// Shared by all request handlers; a background timer tops the bucket up.
/// </summary>
public sealed class FlightBookingLimiter : IDisposable
{
    private readonly object _sync = new();
    private readonly Timer _refill;
    private readonly int _capacity;
    private readonly int _perTick;
    private int _tokens;
    private long _granted;
    private bool _disposed;

    public FlightBookingLimiter(int capacity, int perTick, TimeSpan tick)
    {
        _capacity = capacity;
        _perTick = perTick;
        _tokens = capacity;
        _refill = new Timer(OnTick, null, tick, tick);
    }

    public bool TryAcquire(int permits = 1)
    {
        lock (_sync)
        {
            if (_disposed)
                throw new ObjectDisposedException(nameof(FlightBookingLimiter));
            if (_tokens < permits)
                return false;

            _tokens -= permits;
            _granted += permits;
            return true;
        }
    }

    public (int Available, long Granted) Snapshot()
    {
        lock (_sync)
        {
            return (_tokens, _granted);
        }
    }

    private void OnTick(object? state)
    {
        lock (_sync)
        {
            if (_disposed)
                return;
            _tokens = Math.Min(_capacity, _tokens + _perTick);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
                return;
            _disposed = true;
        }

        _refill.Dispose();
    }
}

public sealed class FlightDisplayEndpoint
{
    private readonly FlightBookingLimiter _limiter;

    public FlightDisplayEndpoint(FlightBookingLimiter limiter) => _limiter = limiter;

    public async Task<int> BookAsync(string bird, DateTime slotUtc, Func<string, DateTime, Task<bool>> reserve)
    {
        if (!_limiter.TryAcquire())
            return 429;

        bool ok = await reserve(bird, slotUtc).ConfigureAwait(false);
        return ok ? 201 : 409;
    }
}
