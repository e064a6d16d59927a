using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Library.Holds;

/// <summary>
/// Waitlists for titles that are currently checked out. One instance serves the whole
/// branch network; the OPAC and staff clients call it concurrently.
/// </summary>
public sealed class HoldQueue
{
    private readonly ConcurrentDictionary<string, ImmutableQueue<string>> _waitlists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _holdsPlacedByBranch = new(StringComparer.OrdinalIgnoreCase);

    public void PlaceHold(string isbn, string memberId, string branch)
    {
        _waitlists.AddOrUpdate(
            isbn,
            _ => ImmutableQueue.Create(memberId),
            (_, queue) => queue.Contains(memberId) ? queue : queue.Enqueue(memberId));

        _holdsPlacedByBranch.AddOrUpdate(branch, 1, (_, count) => count + 1);
    }

    public string? PeekNext(string isbn)
        => _waitlists.TryGetValue(isbn, out var queue) && !queue.IsEmpty ? queue.Peek() : null;

    /// <summary>Called when a copy is returned; pops the next member waiting for it.</summary>
    public bool TryFulfil(string isbn, out string memberId)
    {
        while (_waitlists.TryGetValue(isbn, out var queue))
        {
            if (queue.IsEmpty)
            {
                break;
            }

            var rest = queue.Dequeue(out var next);
            if (_waitlists.TryUpdate(isbn, rest, queue))
            {
                memberId = next;
                return true;
            }
        }

        memberId = string.Empty;
        return false;
    }

    public int WaitlistLength(string isbn)
        => _waitlists.TryGetValue(isbn, out var queue) ? queue.Count() : 0;

    public IReadOnlyDictionary<string, int> HoldsByBranch()
        => new Dictionary<string, int>(_holdsPlacedByBranch, StringComparer.OrdinalIgnoreCase);
}
