namespace Blind51.MountainHuts.Bunks;

public sealed record BunkHold(string HoldId, string HutName, int Bunks, string Guest, DateTimeOffset ExpiresAt);

public sealed record BunkBooking(string HoldId, string HutName, int Bunks, string Guest);

/// <summary>
/// Keeps short-lived bunk holds for mountain huts while walkers complete payment. Holds that
/// are not confirmed before their expiry are released by a background sweep. A single
/// instance is shared by the booking web front end.
/// </summary>
public sealed class BunkHoldBook : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, BunkHold> _holds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _freeBunks;
    private readonly List<BunkBooking> _bookings = new();
    private readonly TimeSpan _holdDuration;
    private readonly Timer _sweeper;

    public BunkHoldBook(IReadOnlyDictionary<string, int> capacityPerHut, TimeSpan holdDuration, TimeSpan sweepInterval)
    {
        _freeBunks = new Dictionary<string, int>(capacityPerHut, StringComparer.Ordinal);
        _holdDuration = holdDuration;
        _sweeper = new Timer(_ => SweepExpired(), null, sweepInterval, sweepInterval);
    }

    public BunkHold? PlaceHold(string hutName, int bunks, string guest)
    {
        lock (_sync)
        {
            if (!_freeBunks.TryGetValue(hutName, out var free) || free < bunks) return null;

            _freeBunks[hutName] = free - bunks;
            var hold = new BunkHold(Guid.NewGuid().ToString("N"), hutName, bunks, guest, DateTimeOffset.UtcNow + _holdDuration);
            _holds[hold.HoldId] = hold;
            return hold;
        }
    }

    public BunkBooking? Confirm(string holdId)
    {
        lock (_sync)
        {
            if (!_holds.TryGetValue(holdId, out var hold)) return null;
            if (hold.ExpiresAt <= DateTimeOffset.UtcNow) return null;

            _holds.Remove(holdId);
            var booking = new BunkBooking(hold.HoldId, hold.HutName, hold.Bunks, hold.Guest);
            _bookings.Add(booking);
            return booking;
        }
    }

    public int FreeBunks(string hutName)
    {
        lock (_sync)
        {
            return _freeBunks.GetValueOrDefault(hutName);
        }
    }

    private void SweepExpired()
    {
        var now = DateTimeOffset.UtcNow;
        List<BunkHold> expired;

        lock (_sync)
        {
            expired = _holds.Values.Where(h => h.ExpiresAt <= now).ToList();
            foreach (var hold in expired)
            {
                _freeBunks[hold.HutName] += hold.Bunks;
            }
        }

        foreach (var hold in expired)
        {
            _holds.Remove(hold.HoldId);
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
