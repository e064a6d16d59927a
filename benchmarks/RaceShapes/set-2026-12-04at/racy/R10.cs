namespace Blind46.MountainHuts.Reservations;

public interface IDepositGateway
{
    Task ChargeAsync(string guestId, decimal amount, CancellationToken ct);
}

/// <summary>
/// Tracks free bunks per night for one hut. Registered as a singleton in the
/// hut booking API; reservation and cancellation requests arrive concurrently.
/// </summary>
public sealed class BunkAvailabilityService
{
    private const decimal DepositPerBunk = 20m;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<DateOnly, int> _freeBunks = new();
    private readonly IDepositGateway _deposits;

    public BunkAvailabilityService(IDepositGateway deposits, IEnumerable<(DateOnly Night, int Bunks)> season)
    {
        _deposits = deposits;
        foreach (var (night, bunks) in season)
            _freeBunks[night] = bunks;
    }

    public async Task<int> FreeBunksAsync(DateOnly night, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _freeBunks.GetValueOrDefault(night);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> ReserveAsync(string guestId, DateOnly night, int bunks, CancellationToken ct)
    {
        int free;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            free = _freeBunks.GetValueOrDefault(night);
        }
        finally
        {
            _gate.Release();
        }

        if (free < bunks)
            return false;

        await _deposits.ChargeAsync(guestId, bunks * DepositPerBunk, ct).ConfigureAwait(false);

        _freeBunks[night] = free - bunks;
        return true;
    }

    public async Task CancelAsync(DateOnly night, int bunks, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _freeBunks[night] = _freeBunks.GetValueOrDefault(night) + bunks;
        }
        finally
        {
            _gate.Release();
        }
    }
}
