namespace CityMuseum.Vaults.Alarms;

public sealed record ClimateSample(string VaultId, double Celsius, double RelativeHumidity);

public sealed record ClimateLimits(double MinCelsius, double MaxCelsius, double MinRh, double MaxRh);

/// <summary>
/// Evaluates vault climate samples against conservation limits and counts excursions.
/// One instance is registered for the whole building; sensor ingestion, the conservator
/// dashboard and the limits editor call it concurrently.
/// </summary>
public sealed class VaultExcursionCounter : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, ClimateLimits> _limits = new();
    private readonly Dictionary<string, int> _excursions = new();

    public void SetLimits(string vaultId, ClimateLimits limits)
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

    public bool Evaluate(ClimateSample sample)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_limits.TryGetValue(sample.VaultId, out var l))
            {
                return true;
            }

            bool within = sample.Celsius >= l.MinCelsius && sample.Celsius <= l.MaxCelsius
                && sample.RelativeHumidity >= l.MinRh && sample.RelativeHumidity <= l.MaxRh;

            if (!within)
            {
                _lock.EnterWriteLock();
                try
                {
                    _excursions.TryGetValue(sample.VaultId, out var count);
                    _excursions[sample.VaultId] = count + 1;
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }
            return within;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public IReadOnlyDictionary<string, int> Summary()
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
