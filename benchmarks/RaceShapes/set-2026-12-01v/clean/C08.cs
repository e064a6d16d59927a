namespace Blind22.CheeseCave.Humidity;

public sealed record RackClimate(string RackId, double HumidityPercent, double TemperatureC, DateTimeOffset MeasuredAt);

/// <summary>
/// Latest climate per aging rack. The sensor gateway writes readings; the cave
/// dashboard, the alerting job and the affineur app read them. One instance per cave,
/// shared by all of those callers.
/// </summary>
public sealed class CaveClimateMap : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, RackClimate> _latest = new();
    private readonly Dictionary<string, int> _readingCounts = new();

    public void Report(RackClimate reading)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_latest.TryGetValue(reading.RackId, out var previous) && previous.MeasuredAt > reading.MeasuredAt)
            {
                return;
            }
            _latest[reading.RackId] = reading;
            _readingCounts[reading.RackId] = _readingCounts.GetValueOrDefault(reading.RackId) + 1;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public RackClimate? Get(string rackId)
    {
        _lock.EnterReadLock();
        try
        {
            return _latest.TryGetValue(rackId, out var c) ? c : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<RackClimate> OutOfRange(double minHumidity, double maxHumidity)
    {
        _lock.EnterReadLock();
        try
        {
            return _latest.Values
                .Where(c => c.HumidityPercent < minHumidity || c.HumidityPercent > maxHumidity)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void ForgetRack(string rackId)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_latest.ContainsKey(rackId))
            {
                return;
            }
            _lock.EnterWriteLock();
            try
            {
                _latest.Remove(rackId);
                _readingCounts.Remove(rackId);
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

    public void Dispose() => _lock.Dispose();
}
