namespace Blind35.GoatDairy.Kidding;

public sealed record KiddingRecord(string DoeTag, DateOnly Date, int Kids, bool Assisted);

/// <summary>
/// Kidding season register. One instance for the dairy; the barn tablets record births and
/// the herd reports read the register concurrently.
/// </summary>
public sealed class KiddingRegister : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, List<KiddingRecord>> _byDoe = new(StringComparer.OrdinalIgnoreCase);

    public void Record(KiddingRecord record)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_byDoe.TryGetValue(record.DoeTag, out var list))
            {
                list = new List<KiddingRecord>();
                _byDoe[record.DoeTag] = list;
            }

            list.Add(record);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int KidsBorn(int season)
    {
        _lock.EnterReadLock();
        try
        {
            return _byDoe.Values.SelectMany(l => l).Where(r => r.Date.Year == season).Sum(r => r.Kids);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<KiddingRecord> ForDoe(string doeTag)
    {
        _lock.EnterReadLock();
        try
        {
            return _byDoe.TryGetValue(doeTag, out var list) ? list.ToArray() : Array.Empty<KiddingRecord>();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool Correct(string doeTag, DateOnly date, int kids)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_byDoe.TryGetValue(doeTag, out var list))
            {
                return false;
            }

            var index = list.FindIndex(r => r.Date == date);
            if (index < 0)
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                list[index] = list[index] with { Kids = kids };
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return true;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
