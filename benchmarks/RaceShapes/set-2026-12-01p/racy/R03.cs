using System;
using System.Collections.Generic;

namespace Blind16.DogWalking.Dispatch;

public sealed record WalkerSlot(Guid WalkerId, string Neighbourhood, int MaxDogs, int DogsAssigned);

public sealed record WalkRequest(Guid RequestId, Guid OwnerId, string Neighbourhood, string DogName);

public sealed record WalkAssignment(Guid RequestId, Guid WalkerId, string DogName);

/// <summary>
/// Live board of walkers who are currently on shift and the walk requests waiting
/// for one. Registered as a singleton: the walker app check-in endpoints, the owner
/// booking endpoints and the dispatch worker all call it.
/// </summary>
public sealed class WalkerAvailabilityBoard
{
    private readonly object _walkersLock = new();
    private readonly object _requestsLock = new();
    private readonly Dictionary<Guid, WalkerSlot> _walkers = new();
    private readonly Queue<WalkRequest> _requests = new();

    public void CheckIn(Guid walkerId, string neighbourhood, int maxDogs)
    {
        lock (_walkersLock)
        {
            _walkers[walkerId] = new WalkerSlot(walkerId, neighbourhood, maxDogs, 0);
        }
    }

    public bool CheckOut(Guid walkerId)
    {
        lock (_walkersLock)
        {
            return _walkers.Remove(walkerId);
        }
    }

    public void Enqueue(WalkRequest request)
    {
        lock (_requestsLock)
        {
            _requests.Enqueue(request);
        }
    }

    public int WaitingRequests
    {
        get
        {
            lock (_requestsLock)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>
    /// Matches the oldest waiting request with a walker in the same neighbourhood
    /// who still has room for another dog.
    /// </summary>
    public WalkAssignment? TryAssignNext()
    {
        lock (_requestsLock)
        {
            if (!_requests.TryPeek(out var request))
            {
                return null;
            }

            WalkerSlot? chosen = null;
            foreach (var slot in _walkers.Values)
            {
                if (string.Equals(slot.Neighbourhood, request.Neighbourhood, StringComparison.OrdinalIgnoreCase)
                    && slot.DogsAssigned < slot.MaxDogs)
                {
                    chosen = slot;
                    break;
                }
            }

            if (chosen is null)
            {
                return null;
            }

            _walkers[chosen.WalkerId] = chosen with { DogsAssigned = chosen.DogsAssigned + 1 };
            _requests.Dequeue();
            return new WalkAssignment(request.RequestId, chosen.WalkerId, request.DogName);
        }
    }

    public IReadOnlyList<WalkerSlot> Snapshot()
    {
        lock (_walkersLock)
        {
            return new List<WalkerSlot>(_walkers.Values);
        }
    }
}
