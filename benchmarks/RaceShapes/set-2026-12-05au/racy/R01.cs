using System.Collections.Generic;

namespace Blind47.CanalLocks.Passages;

/// <summary>
/// A vessel waiting to pass through one of the flight's lock chambers.
/// </summary>
public sealed record PassageRequest(int PassageNumber, string VesselName, string ChamberId, bool Upstream, DateTime RequestedAt);

/// <summary>
/// Keeps the list of vessels waiting at each lock chamber along the flight.
/// Registered as an application-wide singleton; the keeper's tablet app, the
/// towpath kiosk and the radio desk all call it concurrently.
/// </summary>
public sealed class LockPassageRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<PassageRequest>> _waiting = new(StringComparer.OrdinalIgnoreCase);
    private int _nextPassageNumber = 1;

    public LockPassageRegistry(IEnumerable<string> chamberIds)
    {
        foreach (var id in chamberIds)
        {
            _waiting[id] = new Queue<PassageRequest>();
        }
    }

    /// <summary>
    /// Books a passage and returns the number painted on the keeper's board.
    /// </summary>
    public PassageRequest RequestPassage(string vesselName, string chamberId, bool upstream)
    {
        if (string.IsNullOrWhiteSpace(vesselName))
        {
            throw new ArgumentException("Vessel name is required.", nameof(vesselName));
        }

        var number = _nextPassageNumber++;
        var request = new PassageRequest(number, vesselName.Trim(), chamberId, upstream, DateTime.UtcNow);

        lock (_gate)
        {
            if (!_waiting.TryGetValue(chamberId, out var queue))
            {
                throw new KeyNotFoundException($"Unknown chamber '{chamberId}'.");
            }

            queue.Enqueue(request);
        }

        return request;
    }

    /// <summary>
    /// Called by the keeper when the gates open; returns the vessels that fit in one fill.
    /// </summary>
    public IReadOnlyList<PassageRequest> TakeNextLockful(string chamberId, int capacity)
    {
        var taken = new List<PassageRequest>(capacity);
        lock (_gate)
        {
            if (_waiting.TryGetValue(chamberId, out var queue))
            {
                while (taken.Count < capacity && queue.Count > 0)
                {
                    taken.Add(queue.Dequeue());
                }
            }
        }

        return taken;
    }

    public int WaitingAt(string chamberId)
    {
        lock (_gate)
        {
            return _waiting.TryGetValue(chamberId, out var queue) ? queue.Count : 0;
        }
    }

    public IReadOnlyDictionary<string, int> BoardSummary()
    {
        lock (_gate)
        {
            var summary = new Dictionary<string, int>(_waiting.Count);
            foreach (var (id, queue) in _waiting)
            {
                summary[id] = queue.Count;
            }

            return summary;
        }
    }
}
