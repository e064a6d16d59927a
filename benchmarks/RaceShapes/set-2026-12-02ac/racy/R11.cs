namespace Blind29.CircusTours.Ticketing;

public interface ISeatMap
{
    Task<string?> HoldNextSeatAsync(string showId, string zone, CancellationToken ct);
    void ReleaseSeat(string showId, string seat);
}

/// <summary>
/// Holds a block of seats for a group booking at a touring circus show. If the
/// customer abandons checkout the token is cancelled and every held seat goes back on sale.
/// </summary>
public sealed class GroupSeatHold : IDisposable
{
    private readonly ISeatMap _seatMap;
    private readonly string _showId;
    private readonly List<string> _held = new();
    private CancellationTokenRegistration _registration;

    public GroupSeatHold(ISeatMap seatMap, string showId)
    {
        _seatMap = seatMap;
        _showId = showId;
    }

    public IReadOnlyList<string> HeldSeats => _held;

    public async Task<bool> HoldAsync(string zone, int count, CancellationToken abandon)
    {
        _registration = abandon.Register(ReleaseAll);

        while (_held.Count < count)
        {
            if (abandon.IsCancellationRequested)
            {
                return false;
            }

            var seat = await _seatMap.HoldNextSeatAsync(_showId, zone, CancellationToken.None).ConfigureAwait(false);
            if (seat is null)
            {
                ReleaseAll();
                return false;
            }

            _held.Add(seat);
        }

        return true;
    }

    private void ReleaseAll()
    {
        foreach (var seat in _held.ToArray())
        {
            _seatMap.ReleaseSeat(_showId, seat);
        }

        _held.Clear();
    }

    public void Dispose() => _registration.Dispose();
}

public sealed class CheckoutSession
{
    private readonly CancellationTokenSource _abandon = new();

    public CancellationToken Token => _abandon.Token;

    /// <summary>Called by the session reaper when the browser has been idle too long.</summary>
    public void Abandon() => _abandon.Cancel();
}
