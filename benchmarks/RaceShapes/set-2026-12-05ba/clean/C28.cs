namespace Blind53.SeedBanks.Inventory;

public sealed class GerminationRecord
{
    public required string Accession { get; init; }
    public int SeedsRemaining { get; set; }
    public double LastGerminationRate { get; set; }
    public DateOnly LastTested { get; set; }

    public GerminationRecord Clone() => new()
    {
        Accession = Accession,
        SeedsRemaining = SeedsRemaining,
        LastGerminationRate = LastGerminationRate,
        LastTested = LastTested,
    };
}

/// <summary>
/// In-memory inventory of the cold-room drawers. Shared by the lab terminals that record
/// germination tests and by the nightly job that snapshots the inventory to disk; a
/// snapshot can also be restored after a failed stock-take import.
/// </summary>
public sealed class GerminationInventory : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private Dictionary<string, GerminationRecord> _records = new(StringComparer.Ordinal);

    public void RecordTest(string accession, int seedsUsed, double germinationRate, DateOnly testedOn)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_records.TryGetValue(accession, out var record))
            {
                record = new GerminationRecord { Accession = accession };
                _records.Add(accession, record);
            }

            record.SeedsRemaining = Math.Max(0, record.SeedsRemaining - seedsUsed);
            record.LastGerminationRate = germinationRate;
            record.LastTested = testedOn;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public double? RateFor(string accession)
    {
        _lock.EnterReadLock();
        try
        {
            return _records.TryGetValue(accession, out var record) ? record.LastGerminationRate : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<GerminationRecord> Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            return _records.Values.Select(r => r.Clone()).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Restore(IEnumerable<GerminationRecord> snapshot)
    {
        var restored = snapshot.ToDictionary(r => r.Accession, r => r.Clone(), StringComparer.Ordinal);
        _lock.EnterWriteLock();
        try
        {
            _records = restored;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
