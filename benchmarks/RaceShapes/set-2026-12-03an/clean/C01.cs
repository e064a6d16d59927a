namespace Blind40.Ferries.Boarding;

/// <summary>
/// Token bucket that paces vehicle boarding requests for the chain ferry's
/// ticket gates. One instance is registered as a singleton and shared by all
/// gate controllers, which call <see cref="TryAcquire"/> concurrently.
/// </summary>
public sealed class BoardingTokenBucket
{
    private readonly object _sync = new();
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _lastRefill;
    private long _granted;
    private long _denied;

    public BoardingTokenBucket(double capacity, double refillPerSecond, TimeProvider? clock = null)
    {
        _capacity = capacity;
        _refillPerSecond = refillPerSecond;
        _clock = clock ?? TimeProvider.System;
        _tokens = capacity;
        _lastRefill = _clock.GetTimestamp();
    }

    public long Granted => Interlocked.Read(ref _granted);
    public long Denied => Interlocked.Read(ref _denied);

    public double Available
    {
        get
        {
            lock (_sync)
            {
                RefillLocked();
                return _tokens;
            }
        }
    }

    public bool TryAcquire(double cost = 1)
    {
        bool ok;
        lock (_sync)
        {
            RefillLocked();
            ok = _tokens >= cost;
            if (ok)
            {
                _tokens -= cost;
            }
        }

        if (ok)
        {
            Interlocked.Increment(ref _granted);
        }
        else
        {
            Interlocked.Increment(ref _denied);
        }
        return ok;
    }

    /// <summary>Returns tokens for a booking that was cancelled before boarding.</summary>
    public void Refund(double cost)
    {
        lock (_sync)
        {
            _tokens = Math.Min(_capacity, _tokens + cost);
        }
    }

    private void RefillLocked()
    {
        long now = _clock.GetTimestamp();
        double seconds = _clock.GetElapsedTime(_lastRefill, now).TotalSeconds;
        if (seconds > 0)
        {
            _tokens = Math.Min(_capacity, _tokens + seconds * _refillPerSecond);
            _lastRefill = now;
        }
    }
}

public sealed class GateController
{
    private readonly BoardingTokenBucket _bucket;

    public GateController(BoardingTokenBucket bucket) => _bucket = bucket;

    public async Task<bool> AdmitAsync(bool isVehicle, CancellationToken ct)
    {
        double cost = isVehicle ? 3 : 1;
        while (!_bucket.TryAcquire(cost))
        {
            await Task.Delay(250, ct).ConfigureAwait(false);
        }
        return true;
    }
}
