namespace Blind56.CarpetCleaners.Dispatch;

public sealed record CleaningJob(string JobRef, string Postcode, int Rooms, bool StainTreatment);

/// <summary>
/// Bounded job deque for one cleaning van. The van's scheduler adds and takes jobs
/// at the back; idle vans take from the front of other vans' deques.
/// </summary>
public sealed class VanJobDeque
{
    private readonly object _lock = new();
    private readonly CleaningJob?[] _ring;
    private int _head;
    private int _count;

    public VanJobDeque(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new CleaningJob?[capacity];
    }

    public int Count
    {
        get { lock (_lock) { return _count; } }
    }

    public bool TryPushBack(CleaningJob job)
    {
        lock (_lock)
        {
            if (_count == _ring.Length)
            {
                return false;
            }

            _ring[(_head + _count) % _ring.Length] = job;
            _count++;
            return true;
        }
    }

    public bool TryPopBack(out CleaningJob? job)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                job = null;
                return false;
            }

            int index = (_head + _count - 1) % _ring.Length;
            job = _ring[index];
            _ring[index] = null;
            _count--;
            return true;
        }
    }

    public bool TryStealFront(out CleaningJob? job)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                job = null;
                return false;
            }

            job = _ring[_head];
            _ring[_head] = null;
            _head = (_head + 1) % _ring.Length;
            _count--;
            return true;
        }
    }
}

public sealed class VanScheduler
{
    private readonly VanJobDeque _own;
    private readonly VanJobDeque[] _fleet;

    public VanScheduler(VanJobDeque own, VanJobDeque[] fleet)
    {
        _own = own;
        _fleet = fleet;
    }

    public async Task RunAsync(Func<CleaningJob, CancellationToken, Task> clean, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (_own.TryPopBack(out var job) || TryStealAny(out job))
            {
                await clean(job!, ct).ConfigureAwait(false);
                continue;
            }

            await Task.Delay(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        }
    }

    private bool TryStealAny(out CleaningJob? job)
    {
        foreach (var other in _fleet.OrderByDescending(d => d.Count))
        {
            if (!ReferenceEquals(other, _own) && other.TryStealFront(out job))
            {
                return true;
            }
        }

        job = null;
        return false;
    }
}
