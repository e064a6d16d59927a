using System.Collections.Concurrent;

namespace AlpineHuts.Availability;

/// <summary>
/// Immutable allocation of one hut night; replaced as a whole on every change.
/// </summary>
public sealed record NightAllocation(int Capacity, int BedsTaken)
{
    public int BedsLeft => Capacity - BedsTaken;
}

/// <summary>
/// Bed availability for the huts along the trail. Registered as a singleton and used
/// concurrently by the booking API's request handlers.
/// </summary>
public sealed class HutAvailability
{
    private readonly ConcurrentDictionary<(string HutId, DateOnly Night), NightAllocation> _nights = new();
    private readonly IReadOnlyDictionary<string, int> _capacities;

    public HutAvailability(IReadOnlyDictionary<string, int> capacities)
    {
        _capacities = capacities;
    }

    public bool TryReserve(string hutId, DateOnly night, int beds, out int bedsLeft)
    {
        if (beds <= 0)
            throw new ArgumentOutOfRangeException(nameof(beds));
        int capacity = _capacities[hutId];
        var key = (hutId, night);

        while (true)
        {
            var current = _nights.GetOrAdd(key, _ => new NightAllocation(capacity, 0));
            if (current.BedsTaken + beds > current.Capacity)
            {
                bedsLeft = current.BedsLeft;
                return false;
            }

            var updated = current with { BedsTaken = current.BedsTaken + beds };
            if (_nights.TryUpdate(key, updated, current))
            {
                bedsLeft = updated.BedsLeft;
                return true;
            }
            // Another booking changed this night in between; re-read and retry.
        }
    }

    public void Release(string hutId, DateOnly night, int beds)
    {
        _nights.AddOrUpdate(
            (hutId, night),
            _ => new NightAllocation(_capacities[hutId], 0),
            (_, current) => current with { BedsTaken = Math.Max(0, current.BedsTaken - beds) });
    }

    public int BedsLeft(string hutId, DateOnly night) =>
        _nights.TryGetValue((hutId, night), out var allocation)
            ? allocation.BedsLeft
            : _capacities.GetValueOrDefault(hutId);
}
