namespace Blind24.TeaLots;

public sealed record TeaLot(string LotNumber, string Estate, string Grade, int Chests, decimal ValuationPerKg);

/// <summary>
/// Catalogue of lots for the weekly tea auction. Brokers browse heavily while the
/// catalogue team occasionally revises valuations, so reads use a shared lock and
/// edits take the exclusive lock. Shared by all request threads.
/// </summary>
public sealed class AuctionCatalogue : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, TeaLot> _lots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _lotsByEstate = new(StringComparer.OrdinalIgnoreCase);

    public void Add(TeaLot lot)
    {
        _lock.EnterWriteLock();
        try
        {
            _lots.Add(lot.LotNumber, lot);
            if (!_lotsByEstate.TryGetValue(lot.Estate, out var list))
            {
                list = new List<string>();
                _lotsByEstate[lot.Estate] = list;
            }

            list.Add(lot.LotNumber);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Revalue(string lotNumber, decimal newValuation)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_lots.TryGetValue(lotNumber, out var lot) || lot.ValuationPerKg == newValuation)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _lots[lotNumber] = lot with { ValuationPerKg = newValuation };
                return true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public IReadOnlyList<TeaLot> ByEstate(string estate)
    {
        _lock.EnterReadLock();
        try
        {
            return _lotsByEstate.TryGetValue(estate, out var numbers)
                ? numbers.Select(n => _lots[n]).ToList()
                : new List<TeaLot>();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public decimal TotalValuation(Func<TeaLot, decimal> kgForLot)
    {
        _lock.EnterReadLock();
        try
        {
            return _lots.Values.Sum(l => l.ValuationPerKg * kgForLot(l));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
