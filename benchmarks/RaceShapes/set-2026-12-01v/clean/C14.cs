using System.Collections.Concurrent;

namespace Blind22.Couriers.Handoff;

public sealed record Rider(string Id, string Name, string Zone);

public sealed class PickupRequest
{
    public PickupRequest(string orderId, string zone)
    {
        OrderId = orderId;
        Zone = zone;
    }

    public string OrderId { get; }
    public string Zone { get; }
    public Rider? Rider { get; private set; }
    public DateTimeOffset? MatchedAt { get; private set; }

    private readonly TaskCompletionSource<PickupRequest> _matched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<PickupRequest> Matched => _matched.Task;

    internal bool Complete(Rider rider, DateTimeOffset at)
    {
        Rider = rider;
        MatchedAt = at;
        return _matched.TrySetResult(this);
    }
}

/// <summary>
/// Pairs restaurant pickup requests with riders waiting in the same zone. Called from
/// the order API and from rider app check-ins concurrently.
/// </summary>
public sealed class ZoneMatcher
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PickupRequest>> _pending = new();

    public async Task<(Rider Rider, DateTimeOffset At)> RequestAsync(PickupRequest request, CancellationToken ct)
    {
        _pending.GetOrAdd(request.Zone, _ => new ConcurrentQueue<PickupRequest>()).Enqueue(request);
        var done = await request.Matched.WaitAsync(ct).ConfigureAwait(false);
        return (done.Rider!, done.MatchedAt!.Value);
    }

    public bool RiderWaiting(Rider rider)
    {
        if (!_pending.TryGetValue(rider.Zone, out var queue))
        {
            return false;
        }

        while (queue.TryDequeue(out var request))
        {
            if (request.Matched.IsCompleted)
            {
                continue;
            }
            return request.Complete(rider, DateTimeOffset.UtcNow);
        }
        return false;
    }
}
