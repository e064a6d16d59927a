namespace Blind53.KiteFestivals.LaunchSlots;

/// <summary>
/// Hands out launch slots on the festival field. Tokens are refilled by a timer and taken
/// by the marshals' tablets; one bucket is shared by all tablets on a field.
/// </summary>
public sealed class LaunchSlotBucket : IDisposable
{
    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly int _refillPerTick;
    private readonly Timer _refillTimer;
    private int _tokens;
    private long _denied;

    public LaunchSlotBucket(int capacity, int refillPerTick, TimeSpan tick)
    {
        _capacity = capacity;
        _refillPerTick = refillPerTick;
        _tokens = capacity;
        _refillTimer = new Timer(OnRefillTick, null, tick, tick);
    }

    public long Denied => Interlocked.Read(ref _denied);

    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _tokens;
            }
        }
    }

    public bool TryTake(int slots = 1)
    {
        lock (_gate)
        {
            if (_tokens >= slots)
            {
                _tokens -= slots;
                return true;
            }
        }

        Interlocked.Increment(ref _denied);
        return false;
    }

    public void Return(int slots)
    {
        lock (_gate)
        {
            _tokens = Math.Min(_capacity, _tokens + slots);
        }
    }

    private void OnRefillTick(object? state)
    {
        lock (_gate)
        {
            int next = _tokens + _refillPerTick;
            _tokens = next > _capacity ? _capacity : next;
        }
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed record LaunchRequest(string Pilot, string KiteClass);

/// <summary>
/// Used by the marshal tablets to request a slot for a pilot.
/// </summary>
public sealed class MarshalDesk
{
    private readonly LaunchSlotBucket _bucket;
    private readonly System.Collections.Concurrent.ConcurrentQueue<LaunchRequest> _cleared = new();

    public MarshalDesk(LaunchSlotBucket bucket)
    {
        _bucket = bucket;
    }

    public bool RequestSlot(LaunchRequest request)
    {
        int slots = request.KiteClass == "Giant" ? 3 : 1;
        if (!_bucket.TryTake(slots))
        {
            return false;
        }

        _cleared.Enqueue(request);
        return true;
    }

    public bool TryNextCleared(out LaunchRequest? request) => _cleared.TryDequeue(out request);
}
