namespace Blind50.Lighthouse.FogSignal;

/// <summary>
/// Grants one keeper control of the fog signal for a limited period. The lease is renewed
/// periodically by a timer for as long as somebody holds it. Registered as an app-wide
/// singleton: <see cref="IsHeldBy"/> is called by every fog-horn command handler.
/// </summary>
public sealed class FogSignalLease : IDisposable
{
    private sealed record LeaseState(string? Holder, DateTime ExpiresUtc, int Renewals);

    private static readonly LeaseState Vacant = new(null, DateTime.MinValue, 0);

    private readonly TimeSpan _duration;
    private readonly Timer _renewTimer;
    private LeaseState _state = Vacant;

    public FogSignalLease(TimeSpan duration)
    {
        _duration = duration;
        var period = duration / 3;
        _renewTimer = new Timer(_ => RenewCurrent(), null, period, period);
    }

    public bool TryAcquire(string keeper)
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            var now = DateTime.UtcNow;
            if (current.Holder != null && current.Holder != keeper && current.ExpiresUtc > now)
            {
                return false;
            }

            var next = new LeaseState(keeper, now + _duration, 0);
            if (Interlocked.CompareExchange(ref _state, next, current) == current)
            {
                return true;
            }
        }
    }

    public void Release(string keeper)
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            if (current.Holder != keeper)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, Vacant, current) == current)
            {
                return;
            }
        }
    }

    private void RenewCurrent()
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            var now = DateTime.UtcNow;
            if (current.Holder == null || current.ExpiresUtc <= now)
            {
                return;
            }

            var next = current with { ExpiresUtc = now + _duration, Renewals = current.Renewals + 1 };
            if (Interlocked.CompareExchange(ref _state, next, current) == current)
            {
                return;
            }
        }
    }

    public bool IsHeldBy(string keeper)
    {
        var state = Volatile.Read(ref _state);
        return state.Holder == keeper && state.ExpiresUtc > DateTime.UtcNow;
    }

    public (string? Holder, int Renewals) Describe()
    {
        var state = Volatile.Read(ref _state);
        return (state.Holder, state.Renewals);
    }

    public void Dispose() => _renewTimer.Dispose();
}

/// <summary>Accepts fog-horn commands from keepers' handsets.</summary>
public sealed class FogHornCommandHandler
{
    private readonly FogSignalLease _lease;

    public FogHornCommandHandler(FogSignalLease lease) => _lease = lease;

    public string Handle(string keeper, int blastsPerMinute)
    {
        if (!_lease.IsHeldBy(keeper))
        {
            return $"{keeper} does not hold the fog signal";
        }

        return blastsPerMinute is > 0 and <= 6
            ? $"sounding {blastsPerMinute} blasts per minute"
            : "rate out of range";
    }
}
