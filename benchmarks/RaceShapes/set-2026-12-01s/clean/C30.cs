using System.Collections.Concurrent;

namespace AlpineHuts.Waitlist;

public sealed record WaitlistEntry(string GuestEmail, int Beds, DateTimeOffset JoinedAt);

public interface IGuestNotifier
{
    Task OfferBedsAsync(string hutId, DateOnly night, WaitlistEntry entry, CancellationToken ct);
}

/// <summary>
/// Waitlists for fully booked hut nights. Registered as a singleton; booking and
/// cancellation requests arrive concurrently. Each hut has its own async gate so
/// offers for one hut never wait on another.
/// </summary>
public sealed class HutWaitlists
{
    private sealed class HutQueue
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Dictionary<DateOnly, Queue<WaitlistEntry>> ByNight { get; } = new();
    }

    private readonly ConcurrentDictionary<string, HutQueue> _huts = new(StringComparer.OrdinalIgnoreCase);
    private readonly IGuestNotifier _notifier;

    public HutWaitlists(IGuestNotifier notifier) => _notifier = notifier;

    private HutQueue For(string hutId) => _huts.GetOrAdd(hutId, _ => new HutQueue());

    public async Task JoinAsync(string hutId, DateOnly night, WaitlistEntry entry, CancellationToken ct)
    {
        var hut = For(hutId);
        await hut.Gate.WaitAsync(ct);
        try
        {
            if (!hut.ByNight.TryGetValue(night, out var queue))
                hut.ByNight[night] = queue = new Queue<WaitlistEntry>();
            queue.Enqueue(entry);
        }
        finally { hut.Gate.Release(); }
    }

    /// <summary>Called when a cancellation frees beds on a night.</summary>
    public async Task<int> BedsFreedAsync(string hutId, DateOnly night, int beds, CancellationToken ct)
    {
        var hut = For(hutId);
        int offered = 0;
        await hut.Gate.WaitAsync(ct);
        try
        {
            if (!hut.ByNight.TryGetValue(night, out var queue))
                return 0;

            while (beds > 0 && queue.TryPeek(out var next) && next.Beds <= beds)
            {
                queue.Dequeue();
                beds -= next.Beds;
                offered++;
                await _notifier.OfferBedsAsync(hutId, night, next, ct);
            }

            if (queue.Count == 0)
                hut.ByNight.Remove(night);
        }
        finally { hut.Gate.Release(); }
        return offered;
    }

    public async Task<int> LengthAsync(string hutId, DateOnly night, CancellationToken ct)
    {
        var hut = For(hutId);
        await hut.Gate.WaitAsync(ct);
        try { return hut.ByNight.TryGetValue(night, out var q) ? q.Count : 0; }
        finally { hut.Gate.Release(); }
    }
}
