namespace Blind34.Allotment.Water;

/// <summary>
/// Token bucket for the shared standpipe booking system: each hose slot costs
/// a token and tokens trickle back over the day. A single instance is used by
/// every member's booking request.
/// </summary>
public sealed class StandpipeTokenBucket
{
    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly TimeSpan _refillEvery;
    private readonly TimeProvider _clock;
    private int _tokens;
    private DateTimeOffset _nextRefill;
    private int _granted;
    private int _refused;

    public StandpipeTokenBucket(int capacity, TimeSpan refillEvery, TimeProvider? clock = null)
    {
        _capacity = capacity;
        _refillEvery = refillEvery;
        _clock = clock ?? TimeProvider.System;
        _tokens = capacity;
        _nextRefill = _clock.GetUtcNow() + refillEvery;
    }

    public bool TryTake(int cost = 1)
    {
        lock (_gate)
        {
            RefillLocked();
            if (_tokens < cost)
            {
                _refused++;
                return false;
            }

            _tokens -= cost;
            _granted++;
            return true;
        }
    }

    public void GiveBack(int cost = 1)
    {
        lock (_gate)
        {
            _tokens = Math.Min(_capacity, _tokens + cost);
            _granted--;
        }
    }

    public (int Available, int Granted, int Refused) Stats
    {
        get
        {
            lock (_gate)
            {
                RefillLocked();
                return (_tokens, _granted, _refused);
            }
        }
    }

    private void RefillLocked()
    {
        var now = _clock.GetUtcNow();
        while (now >= _nextRefill && _tokens < _capacity)
        {
            _tokens++;
            _nextRefill += _refillEvery;
        }

        if (_tokens == _capacity && now >= _nextRefill)
        {
            _nextRefill = now + _refillEvery;
        }
    }
}
