namespace Lighthouse.Characteristics;

public sealed record LightCharacter(string Pattern, TimeSpan Period, string Colour);

/// <summary>
/// Registry of light characteristics from the Notice to Mariners. Read constantly by the
/// chart rendering service; updated occasionally when a notice is imported.
/// </summary>
public sealed class LightCharacterRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, LightCharacter> _byStation = new(StringComparer.OrdinalIgnoreCase);
    private int _revision;

    public LightCharacter? Find(string stationName)
    {
        _lock.EnterReadLock();
        try
        {
            return _byStation.TryGetValue(stationName, out var c) ? c : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public int Revision
    {
        get
        {
            _lock.EnterReadLock();
            try { return _revision; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void ApplyNotice(IEnumerable<KeyValuePair<string, LightCharacter>> changes)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var (station, character) in changes)
                _byStation[station] = character;
            _revision++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Records a failed lamp by switching it to the emergency character if known.</summary>
    public bool SwitchToEmergency(string stationName, LightCharacter emergency)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_byStation.TryGetValue(stationName, out var current) || current == emergency)
                return false;

            _lock.EnterWriteLock();
            try
            {
                _byStation[stationName] = emergency;
                _revision++;
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
