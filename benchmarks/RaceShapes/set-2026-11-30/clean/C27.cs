namespace Blind.C27;

public sealed record FeatureFlag(string Name, bool Enabled, int RolloutPercent);

/// <summary>
/// Feature flag store. Flags are evaluated on every request and updated by the
/// admin API or the periodic sync with the flag service.
/// </summary>
public sealed class FeatureFlagStore : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, FeatureFlag> _flags = new(StringComparer.OrdinalIgnoreCase);
    private DateTime _lastSyncUtc;

    public bool IsEnabled(string name, string userId)
    {
        FeatureFlag? flag;
        _rw.EnterReadLock();
        try
        {
            _flags.TryGetValue(name, out flag);
        }
        finally
        {
            _rw.ExitReadLock();
        }

        if (flag is null || !flag.Enabled)
        {
            return false;
        }

        int bucket = (int)((uint)StringComparer.Ordinal.GetHashCode(userId) % 100);
        return bucket < flag.RolloutPercent;
    }

    public void Upsert(FeatureFlag flag)
    {
        _rw.EnterWriteLock();
        try
        {
            _flags[flag.Name] = flag;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public void ReplaceAll(IEnumerable<FeatureFlag> flags)
    {
        var incoming = flags.ToList();
        _rw.EnterWriteLock();
        try
        {
            _flags.Clear();
            foreach (var flag in incoming)
            {
                _flags[flag.Name] = flag;
            }
            _lastSyncUtc = DateTime.UtcNow;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public (int Count, DateTime LastSyncUtc) Describe()
    {
        _rw.EnterReadLock();
        try
        {
            return (_flags.Count, _lastSyncUtc);
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}
