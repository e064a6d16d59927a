namespace Blind55.Clean.C02;

/// <summary>
/// Request quota for the dental clinic's public booking API. Registered as a singleton and
/// consulted by every incoming request; a timer adds tokens back at a fixed rate.
/// </summary>
public sealed class BookingApiQuota : IDisposable
{
    private readonly object _sync = new();
    private readonly int _capacity;
    private readonly int _refillPerTick;
    private readonly Timer _refillTimer;
    private int _tokens;
    private long _rejected;

    public BookingApiQuota(int capacity, int refillPerTick, TimeSpan tickInterval)
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
        lock (_sync)
        {
            int next = _tokens + _refillPerTick;
            _tokens = next > _capacity ? _capacity : next;
        }
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed class BookingEndpoint
{
    private readonly BookingApiQuota _quota;

    public BookingEndpoint(BookingApiQuota quota) => _quota = quota;

    public async Task<int> PostAppointmentAsync(string patientId, DateTime slot, CancellationToken ct)
    {
        if (!_quota.TryConsume())
        {
            return 429;
        }

        await Task.Delay(10, ct); // persist the appointment
        return 201;
    }
}
