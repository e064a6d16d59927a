namespace Blind43.MountainHuts.Bunks;

public sealed class NightLedger
{
    public NightLedger(int capacity) => Capacity = capacity;

    public int Capacity { get; }
    public int Reserved { get; set; }
}

/// <summary>
/// Bunk availability for a chain of mountain huts. Registered as a singleton; the
/// booking site reads availability constantly while hut wardens make reservations.
/// </summary>
public sealed class BunkAvailability : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<(string Hut, DateOnly Night), NightLedger> _nights = new();
    private readonly IReadOnlyDictionary<string, int> _capacityByHut;

    public BunkAvailability(IReadOnlyDictionary<string, int> capacityByHut) => _capacityByHut = capacityByHut;

    public int FreeBunks(string hut, DateOnly night)
    {
        _lock.EnterReadLock();
        try
        {
            var ledger = GetLedger(hut, night);
            return ledger.Capacity - ledger.Reserved;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool TryReserve(string hut, DateOnly night, int bunks)
    {
        _lock.EnterWriteLock();
        try
        {
            var ledger = GetLedger(hut, night);
            if (ledger.Reserved + bunks > ledger.Capacity)
            {
                return false;
            }

            ledger.Reserved += bunks;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<(DateOnly Night, int Free)> Calendar(string hut, DateOnly from, int days)
    {
        var result = new List<(DateOnly, int)>(days);
        for (var i = 0; i < days; i++)
        {
            var night = from.AddDays(i);
            result.Add((night, FreeBunks(hut, night)));
        }

        return result;
    }

    // Ledgers are created on first use so that far-future nights cost nothing until someone looks.
    private NightLedger GetLedger(string hut, DateOnly night)
    {
        var key = (hut, night);
        if (!_nights.TryGetValue(key, out var ledger))
        {
            ledger = new NightLedger(_capacityByHut.GetValueOrDefault(hut, 0));
            _nights[key] = ledger;
        }

        return ledger;
    }

    public void Dispose() => _lock.Dispose();
}
