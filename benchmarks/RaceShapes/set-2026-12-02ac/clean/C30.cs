namespace Blind29.QuarryBlasting.Leases;

public sealed record ZoneLease(string Holder, DateTimeOffset ExpiresAt, long Fence);

/// <summary>
/// In-process lease on a quarry bench's blast exclusion zone. Drill crews, the
/// charging crew and the shot-firer's tablet all try to take the zone; only one may
/// hold it at a time. The fence number lets the blast log reject stale holders.
/// </summary>
public sealed class BlastZoneLease
{
    private readonly TimeSpan _ttl;
    private ZoneLease? _current;
    private long _nextFence;

    public BlastZoneLease(string bench, TimeSpan ttl)
    {
        Bench = bench;
        _ttl = ttl;
    }

    public string Bench { get; }

    public ZoneLease? Holder
    {
        get
        {
            var lease = Volatile.Read(ref _current);
            return lease is not null && lease.ExpiresAt > DateTimeOffset.UtcNow ? lease : null;
        }
    }

    public ZoneLease? TryAcquire(string crew)
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            var now = DateTimeOffset.UtcNow;
            if (current is not null && current.ExpiresAt > now && current.Holder != crew)
            {
                return null;
            }

            var fence = current is not null && current.Holder == crew && current.ExpiresAt > now
                ? current.Fence
                : Interlocked.Increment(ref _nextFence);
            var next = new ZoneLease(crew, now + _ttl, fence);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, next, current), current))
            {
                return next;
            }
        }
    }

    public bool Release(ZoneLease lease) =>
        ReferenceEquals(Interlocked.CompareExchange(ref _current, null, lease), lease);
}

public sealed class BlastLog
{
    private readonly object _sync = new();
    private readonly List<string> _entries = new();
    private long _highestFence;

    public bool Append(ZoneLease lease, string entry)
    {
        lock (_sync)
        {
            if (lease.Fence < _highestFence)
            {
                return false;
            }

            _highestFence = lease.Fence;
            _entries.Add($"{DateTimeOffset.UtcNow:O} [{lease.Holder}#{lease.Fence}] {entry}");
            return true;
        }
    }

    public IReadOnlyList<string> Entries()
    {
        lock (_sync)
        {
            return _entries.ToList();
        }
    }
}
