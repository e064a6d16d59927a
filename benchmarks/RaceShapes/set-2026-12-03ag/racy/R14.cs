namespace OrchidHouse.Climate;

public readonly record struct ZoneReading(double HumidityPercent, double TemperatureC, DateTime TakenAt);

/// <summary>
/// Latest climate readings per greenhouse bench zone. Shared by the sensor
/// ingestion endpoint (one request per sensor post) and the misting and heating
/// controllers, which read concurrently.
/// </summary>
public sealed class ClimateZoneRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, ZoneReading> _zones = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Zones are created from the bench layout when the house is configured.</summary>
    public void AddZone(string zone)
    {
        _lock.EnterWriteLock();
        try
        {
            _zones.TryAdd(zone, default);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Records a reading for a zone that already exists; unknown zones are ignored.</summary>
    public bool Record(string zone, double humidity, double temperature, DateTime takenAt)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_zones.TryGetValue(zone, out var existing) || existing.TakenAt > takenAt)
            {
                return false;
            }

            _zones[zone] = new ZoneReading(humidity, temperature, takenAt);
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public ZoneReading? Get(string zone)
    {
        _lock.EnterReadLock();
        try
        {
            return _zones.TryGetValue(zone, out var reading) ? reading : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<string> ZonesBelowHumidity(double threshold)
    {
        _lock.EnterReadLock();
        try
        {
            return _zones.Where(z => z.Value.HumidityPercent < threshold).Select(z => z.Key).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
