namespace Blind27.Forges.Heats;

/// <summary>Tracks one billet through heating and quenching.</summary>
public sealed class HeatRecord
{
    public HeatRecord(string billetId, string steelGrade)
    {
        BilletId = billetId;
        SteelGrade = steelGrade;
    }

    public string BilletId { get; }
    public string SteelGrade { get; }
    public int QuenchCount;
}

public readonly record struct HeatSnapshot(string BilletId, string SteelGrade, int QuenchCount);

/// <summary>
/// Registry of billets currently in the forge. Shared by the hammer stations, the
/// quench tank sensors and the shop-floor display; all of them call it concurrently.
/// </summary>
public sealed class ForgeHeatRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, HeatRecord> _heats = new(StringComparer.Ordinal);

    public void Register(string billetId, string steelGrade)
    {
        _lock.EnterWriteLock();
        try
        {
            _heats[billetId] = new HeatRecord(billetId, steelGrade);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Retire(string billetId)
    {
        _lock.EnterWriteLock();
        try
        {
            return _heats.Remove(billetId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Called by the quench tank sensor each time a billet goes into the oil.</summary>
    public bool RecordQuench(string billetId)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_heats.TryGetValue(billetId, out var record))
            {
                return false;
            }

            record.QuenchCount++;
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<HeatSnapshot> Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            return _heats.Values
                .Select(h => new HeatSnapshot(h.BilletId, h.SteelGrade, h.QuenchCount))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
