using System.Collections.Concurrent;

namespace Blind61.BoxOffice;

/// <summary>Seats a customer has on hold while they go through checkout.</summary>
public sealed class SeatHold
{
    public SeatHold(string sessionId, DateTimeOffset expiresAt)
    {
        SessionId = sessionId;
        ExpiresAt = expiresAt;
    }

    public string SessionId { get; }
    public DateTimeOffset ExpiresAt { get; set; }
    public HashSet<string> Seats { get; } = new();
}

/// <summary>
/// Holds seats for customers mid-checkout. App-wide singleton; the seat-map page, the
/// basket API and the expiry sweeper all call it concurrently.
/// </summary>
public sealed class SeatHoldStore
{
    private static readonly TimeSpan HoldLength = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, SeatHold> _holdsBySession = new();
    private readonly ConcurrentDictionary<string, string> _seatOwners = new();
    private readonly TimeProvider _clock;

    public SeatHoldStore(TimeProvider clock) => _clock = clock;

    public bool TryHold(string sessionId, string seat)
    {
        if (!_seatOwners.TryAdd(seat, sessionId))
            return _seatOwners.TryGetValue(seat, out var owner) && owner == sessionId;

        var hold = _holdsBySession.GetOrAdd(sessionId,
            id => new SeatHold(id, _clock.GetUtcNow() + HoldLength));
        hold.Seats.Add(seat);
        return true;
    }

    public void ReleaseSeat(string sessionId, string seat)
    {
        if (_holdsBySession.TryGetValue(sessionId, out var hold))
        {
            hold.Seats.Remove(seat);
            _seatOwners.TryRemove(new KeyValuePair<string, string>(seat, sessionId));
        }
    }

    public IReadOnlyCollection<string> SeatsFor(string sessionId) =>
        _holdsBySession.TryGetValue(sessionId, out var hold) ? hold.Seats.ToArray() : Array.Empty<string>();

    public int SweepExpired()
    {
        var now = _clock.GetUtcNow();
        var removed = 0;
        foreach (var (sessionId, hold) in _holdsBySession)
        {
            if (hold.ExpiresAt > now)
                continue;
            if (_holdsBySession.TryRemove(new KeyValuePair<string, SeatHold>(sessionId, hold)))
            {
                foreach (var seat in hold.Seats.ToArray())
                    _seatOwners.TryRemove(new KeyValuePair<string, string>(seat, sessionId));
                removed++;
            }
        }
        return removed;
    }
}
