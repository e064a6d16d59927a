namespace Blind56.SnowClearing.Dispatch;

public sealed record StreetSegment(string Street, int FromHouse, int ToHouse, bool Priority);

/// <summary>
/// Per-crew queue of street segments to clear. The crew's own planner thread pushes
/// and pops at the tail; crews that run out of work steal from the head.
/// </summary>
public sealed class CrewWorkQueue
{
    private readonly StreetSegment?[] _slots;
    private readonly int _mask;
    private readonly object _lock = new();
    private int _head;
    private int _tail;

    public CrewWorkQueue(int capacityPowerOfTwo)
    {
        if (capacityPowerOfTwo <= 0 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
        {
            throw new ArgumentException("Capacity must be a power of two.", nameof(capacityPowerOfTwo));
        }

        _slots = new StreetSegment?[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    /// <summary>Owner thread only.</summary>
    public bool TryPush(StreetSegment segment)
    {
        int tail = _tail;
        if (tail - Volatile.Read(ref _head) >= _slots.Length)
        {
            return false;
        }

        _slots[tail & _mask] = segment;
        _tail = tail + 1;
        return true;
    }

    /// <summary>Owner thread only.</summary>
    public bool TryPop(out StreetSegment? segment)
    {
        lock (_lock)
        {
            if (_tail == _head)
            {
                segment = null;
                return false;
            }

            _tail--;
            segment = _slots[_tail & _mask];
            _slots[_tail & _mask] = null;
            return true;
        }
    }

    /// <summary>Called by other crews' planner threads.</summary>
    public bool TrySteal(out StreetSegment? segment)
    {
        lock (_lock)
        {
            if (_head >= _tail)
            {
                segment = null;
                return false;
            }

            segment = _slots[_head & _mask];
            _slots[_head & _mask] = null;
            Volatile.Write(ref _head, _head + 1);
            return true;
        }
    }
}

public sealed class CrewPlanner
{
    private readonly CrewWorkQueue _own;
    private readonly IReadOnlyList<CrewWorkQueue> _others;
    private readonly Action<StreetSegment> _clear;

    public CrewPlanner(CrewWorkQueue own, IReadOnlyList<CrewWorkQueue> others, Action<StreetSegment> clear)
    {
        _own = own;
        _others = others;
        _clear = clear;
    }

    public Task RunAsync(IEnumerable<StreetSegment> assigned, CancellationToken ct) => Task.Factory.StartNew(() =>
    {
        foreach (var segment in assigned)
        {
            while (!_own.TryPush(segment))
            {
                DrainOne();
            }
        }

        while (!ct.IsCancellationRequested)
        {
            if (_own.TryPop(out var mine) && mine is not null)
            {
                _clear(mine);
                continue;
            }

            bool stole = false;
            foreach (var other in _others)
            {
                if (other.TrySteal(out var stolen) && stolen is not null)
                {
                    _clear(stolen);
                    stole = true;
                    break;
                }
            }

            if (!stole)
            {
                break;
            }
        }
    }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void DrainOne()
    {
        if (_own.TryPop(out var segment) && segment is not null)
        {
            _clear(segment);
        }
    }
}
