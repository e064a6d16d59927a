using System.Collections.Concurrent;

namespace AlpineHuts.Bookings;

/// <summary>
/// Bed allocation for one hut on one night.
/// </summary>
public sealed class HutNight
{
    public HutNight(DateOnly night, int capacity)
    {
        Night = night;
        Capacity = capacity;
    }

    public DateOnly Night { get; }
    public int Capacity { get; }
    public int BedsTaken { get; set; }
}

public sealed record ReservationResult(bool Confirmed, int BedsLeft);

/// <summary>
/// Bed availability for the huts along the trail. Registered as a singleton; the booking
/// API's request handlers call <see cref="TryReserve"/> and <see cref="Release"/>
/// concurrently for any hut and night.
/// </summary>
public sealed class BedInventory
{
    private readonly ConcurrentDictionary<(string HutId, DateOnly Night), HutNight> _nights = new();
    private readonly IReadOnlyDictionary<string, int> _capacities;

    public BedInventory(IReadOnlyDictionary<string, int> capacities)
    {
        _capacities = capacities;
    }

    public ReservationResult TryReserve(string hutId, DateOnly night, int beds)
    {
        if (!_capacities.TryGetValue(hutId, out int capacity))
            throw new KeyNotFoundException($"Unknown hut '{hutId}'.");
        if (beds <= 0)
            throw new ArgumentOutOfRangeException(nameof(beds));

        var entry = _nights.GetOrAdd((hutId, night), key => new HutNight(key.Night, capacity));

        int taken = entry.BedsTaken;
        if (taken + beds > entry.Capacity)
            return new ReservationResult(false, entry.Capacity - taken);

        entry.BedsTaken = taken + beds;
        return new ReservationResult(true, entry.Capacity - taken - beds);
    }

    public void Release(string hutId, DateOnly night, int beds)
    {
        if (_nights.TryGetValue((hutId, night), out var entry))
        {
            entry.BedsTaken = Math.Max(0, entry.BedsTaken - beds);
        }
    }

    public int BedsLeft(string hutId, DateOnly night)
    {
        if (_nights.TryGetValue((hutId, night), out var entry))
            return entry.Capacity - entry.BedsTaken;
        return _capacities.TryGetValue(hutId, out int capacity) ? capacity : 0;
    }
}
