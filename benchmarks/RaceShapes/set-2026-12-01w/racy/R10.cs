namespace CityMuseum.Vaults.Climate;

public sealed record VaultReading(string VaultId, double Celsius, double RelativeHumidity, DateTimeOffset At);

public sealed record VaultLimits(double MinCelsius, double MaxCelsius, double MinRh, double MaxRh);

/// <summary>
/// Evaluates vault sensor readings against conservation limits.
/// One instance is registered for the whole building; the sensor ingestion endpoint
/// calls <see cref="Evaluate"/> for every incoming reading and the conservator
/// dashboard calls <see cref="GetAlarmSummary"/>.
/// </summary>
public sealed class VaultClimateEvaluator : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, VaultLimits> _limits = new();
    private readonly Dictionary<string, int> _excursions = new();

    public void SetLimits(string vaultId, VaultLimits limits)
    {
        _lock.EnterWriteLock();
        try
        {
            _limits[vaultId] = limits;
            _excursions.Remove(vaultId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Evaluate(VaultReading reading)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_limits.TryGetValue(reading.VaultId, out var limits))
            {
                return true;
            }

            bool within = reading.Celsius >= limits.MinCelsius && reading.Celsius <= limits.MaxCelsius
                && reading.RelativeHumidity >= limits.MinRh && reading.RelativeHumidity <= limits.MaxRh;

            if (!within)
            {
                _excursions.TryGetValue(reading.VaultId, out var count);
                _excursions[reading.VaultId] = count + 1;
            }
            return within;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyDictionary<string, int> GetAlarmSummary()
    {
        _lock.EnterReadLock();
        try
        {
            return new Dictionary<string, int>(_excursions);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
