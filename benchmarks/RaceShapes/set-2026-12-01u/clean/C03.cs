using System.Collections.Immutable;

namespace BranchLoans.Holds;

public sealed record HoldRequest(string PatronId, string Isbn, string PickupBranch, DateTime PlacedUtc);

/// <summary>
/// Hold queue per title across all branches. Shared by the OPAC API and the
/// overnight transfer planner; members are called concurrently.
/// </summary>
public sealed class HoldQueueService
{
    private ImmutableDictionary<string, ImmutableQueue<HoldRequest>> _queues =
        ImmutableDictionary.Create<string, ImmutableQueue<HoldRequest>>(StringComparer.Ordinal);

    public void Place(HoldRequest hold)
    {
        ImmutableInterlocked.AddOrUpdate(
            ref _queues,
            hold.Isbn,
            _ => ImmutableQueue.Create(hold),
            (_, q) => q.Enqueue(hold));
    }

    public HoldRequest? NextFor(string isbn)
    {
        while (true)
        {
            var current = Volatile.Read(ref _queues);
            if (!current.TryGetValue(isbn, out var queue) || queue.IsEmpty)
                return null;

            var remaining = queue.Dequeue(out var next);
            var updated = remaining.IsEmpty ? current.Remove(isbn) : current.SetItem(isbn, remaining);

            if (Interlocked.CompareExchange(ref _queues, updated, current) == current)
                return next;
        }
    }

    public int QueueLength(string isbn) =>
        Volatile.Read(ref _queues).TryGetValue(isbn, out var q) ? q.Count() : 0;

    public IReadOnlyList<string> TitlesWithHolds() =>
        Volatile.Read(ref _queues).Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
}

/// <summary>Overnight job that turns the head of each hold queue into a transfer request.</summary>
public sealed class TransferPlanner
{
    private readonly HoldQueueService _holds;
    private readonly Func<string, string?> _findCopyBranch;

    public TransferPlanner(HoldQueueService holds, Func<string, string?> findCopyBranch)
    {
        _holds = holds;
        _findCopyBranch = findCopyBranch;
    }

    public IReadOnlyList<(string Isbn, string From, string To)> Plan()
    {
        var transfers = new List<(string, string, string)>();
        foreach (var isbn in _holds.TitlesWithHolds())
        {
            var from = _findCopyBranch(isbn);
            if (from is null) continue;
            var next = _holds.NextFor(isbn);
            if (next is not null && next.PickupBranch != from)
                transfers.Add((isbn, from, next.PickupBranch));
        }
        return transfers;
    }
}
