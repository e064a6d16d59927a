namespace Blind66.OysterBeds.Water;

public sealed record SalinityReading(string BedId, double PartsPerThousand, double TemperatureC, DateTimeOffset TakenAt)
{
    public bool IsOlderThan(TimeSpan age, DateTimeOffset now) => now - TakenAt > age;
}

public interface ISalinityProbeArchive
{
    SalinityReading LoadLatest(string bedId);
}

/// <summary>
/// Latest water readings per oyster bed. Shared by the harvest-approval API, the
/// depuration planner and the sensor ingest endpoint, all of which call it concurrently.
/// </summary>
public sealed class SalinityCache : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(30);

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, SalinityReading> _latest = new(StringComparer.OrdinalIgnoreCase);
    private readonly ISalinityProbeArchive _archive;
    private readonly TimeProvider _clock;

    public SalinityCache(ISalinityProbeArchive archive, TimeProvider clock)
    {
        _archive = archive;
        _clock = clock;
    }

    public SalinityReading Get(string bedId)
    {
        _lock.EnterReadLock();
        try
        {
            if (_latest.TryGetValue(bedId, out var reading) && !reading.IsOlderThan(MaxAge, _clock.GetUtcNow()))
            {
                return reading;
            }

            reading = _archive.LoadLatest(bedId);
            _latest[bedId] = reading;
            return reading;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Called by the sensor ingest endpoint for every reading pushed by a buoy.</summary>
    public void Record(SalinityReading reading)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_latest.TryGetValue(reading.BedId, out var existing) || existing.TakenAt < reading.TakenAt)
            {
                _latest[reading.BedId] = reading;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<SalinityReading> Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            return _latest.Values.OrderBy(r => r.BedId, StringComparer.OrdinalIgnoreCase).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
