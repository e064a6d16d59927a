namespace Blind30.MountainHut;

public interface IBookingStore
{
    void Save(DateOnly night, IReadOnlyList<string> guests);
}

/// <summary>
/// Bed ledger for a mountain hut. Registered as a singleton in the booking API, so
/// its members are called by many requests at once; disposed by the host on shutdown.
/// </summary>
public sealed class HutBookingLedger : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<DateOnly, List<string>> _nights = new();
    private readonly IBookingStore _store;
    private readonly int _beds;

    public HutBookingLedger(IBookingStore store, int beds)
    {
        _store = store;
        _beds = beds;
    }

    public async Task<bool> BookAsync(string guest, DateOnly arrival, int nights, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (int i = 0; i < nights; i++)
            {
                if (_nights.TryGetValue(arrival.AddDays(i), out var guests) && guests.Count >= _beds)
                {
                    return false;
                }
            }

            for (int i = 0; i < nights; i++)
            {
                var night = arrival.AddDays(i);
                if (!_nights.TryGetValue(night, out var guests))
                {
                    guests = new List<string>();
                    _nights[night] = guests;
                }

                guests.Add(guest);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> FreeBedsAsync(DateOnly night, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _nights.TryGetValue(night, out var guests) ? _beds - guests.Count : _beds;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the ledger to the store and empties it.</summary>
    public void Dispose()
    {
        foreach (var (night, guests) in _nights)
        {
            _store.Save(night, guests.ToArray());
        }

        _nights.Clear();
    }
}
