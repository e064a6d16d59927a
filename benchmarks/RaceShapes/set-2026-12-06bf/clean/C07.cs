using System.Collections.Concurrent;

namespace Blind58.BusMuseumTours;

/// <summary>A provisional hold on seats for a vintage bus ride.</summary>
public sealed class SeatHold
{
    private const int Held = 0;
    private const int Released = 1;
    private const int Confirmed = 2;
    private int _state;

    public SeatHold(Guid id, string departure, int seats, DateTimeOffset expiresAt)
    {
        Id = id;
        Departure = departure;
        Seats = seats;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; }
    public string Departure { get; }
    public int Seats { get; }
    public DateTimeOffset ExpiresAt { get; }

    public bool TryRelease() => Interlocked.CompareExchange(ref _state, Released, Held) == Held;

    public bool TryConfirm() => Interlocked.CompareExchange(ref _state, Confirmed, Held) == Held;
}

/// <summary>
/// Seat inventory for the museum's heritage bus rides. The booking site, the front desk
/// and an expiry sweep all release or confirm holds concurrently.
/// </summary>
public sealed class RideSeatInventory : IDisposable
{
    private readonly ConcurrentDictionary<string, SeatCounter<int>> _freeSeats = new();
    private readonly ConcurrentDictionary<Guid, SeatHold> _holds = new();
    private readonly Timer _expirySweep;

    public RideSeatInventory(IReadOnlyDictionary<string, int> capacityByDeparture)
    {
        foreach (var (departure, capacity) in capacityByDeparture)
        {
            _freeSeats[departure] = new SeatCounter<int>(capacity);
        }

        _expirySweep = new Timer(_ => ReleaseExpired(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public int FreeSeats(string departure) => Volatile.Read(ref _freeSeats[departure].Value);

    public SeatHold? TryHold(string departure, int seats, TimeSpan holdFor)
    {
        var box = _freeSeats[departure];
        int current = Volatile.Read(ref box.Value);
        while (true)
        {
            if (current < seats) return null;
            int observed = Interlocked.CompareExchange(ref box.Value, current - seats, current);
            if (observed == current) break;
            current = observed;
        }

        var hold = new SeatHold(Guid.NewGuid(), departure, seats, DateTimeOffset.UtcNow + holdFor);
        _holds[hold.Id] = hold;
        return hold;
    }

    public bool Confirm(Guid holdId) =>
        _holds.TryRemove(holdId, out var hold) && hold.TryConfirm();

    public bool Release(Guid holdId) =>
        _holds.TryGetValue(holdId, out var hold) && ReleaseHold(hold);

    private bool ReleaseHold(SeatHold hold)
    {
        if (!hold.TryRelease()) return false;
        _holds.TryRemove(hold.Id, out _);
        Interlocked.Add(ref _freeSeats[hold.Departure].Value, hold.Seats);
        return true;
    }

    private void ReleaseExpired()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var hold in _holds.Values)
        {
            if (hold.ExpiresAt <= now) ReleaseHold(hold);
        }
    }

    public void Dispose() => _expirySweep.Dispose();
}

public sealed class SeatCounter<T>
{
    public SeatCounter(T value) => Value = value;
    public T Value;
}
