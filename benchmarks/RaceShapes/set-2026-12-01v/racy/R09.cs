namespace Blind22.Planetarium.Scheduling;

public sealed record ShowSlot(string ShowId, string Title, DateTimeOffset StartsAt, int DomeSeats);

public sealed record SeatHold(Guid HoldId, string ShowId, int Seats);

public interface ISeatLedger
{
    Task PersistHoldAsync(SeatHold hold, CancellationToken ct);
    Task DeleteHoldAsync(Guid holdId, CancellationToken ct);
}

/// <summary>
/// Tracks seat availability for today's dome shows. Registered as a singleton; the
/// box-office kiosks and the web booking API call it concurrently.
/// </summary>
public sealed class DomeSeatBook
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly Dictionary<string, int> _seatsLeft;
    private readonly Dictionary<Guid, SeatHold> _holds = new();
    private readonly ISeatLedger _ledger;

    public DomeSeatBook(IEnumerable<ShowSlot> todaysShows, ISeatLedger ledger)
    {
        _seatsLeft = todaysShows.ToDictionary(s => s.ShowId, s => s.DomeSeats);
        _ledger = ledger;
    }

    public async Task<SeatHold?> HoldAsync(string showId, int seats, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_seatsLeft.TryGetValue(showId, out var left) || left < seats)
            {
                return null;
            }
            var hold = new SeatHold(Guid.NewGuid(), showId, seats);
            await _ledger.PersistHoldAsync(hold, ct).ConfigureAwait(false);
            _seatsLeft[showId] = left - seats;
            _holds[hold.HoldId] = hold;
            return hold;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<bool> ReleaseAsync(Guid holdId, CancellationToken ct)
    {
        SeatHold? hold;
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_holds.Remove(holdId, out hold))
            {
                return false;
            }
        }
        finally
        {
            _mutex.Release();
        }

        await _ledger.DeleteHoldAsync(holdId, ct).ConfigureAwait(false);
        _seatsLeft[hold.ShowId] += hold.Seats;
        return true;
    }

    public async Task<int> SeatsLeftAsync(string showId, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _seatsLeft.TryGetValue(showId, out var left) ? left : 0;
        }
        finally
        {
            _mutex.Release();
        }
    }
}
