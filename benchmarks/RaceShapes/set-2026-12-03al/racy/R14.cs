namespace Blind38.WindFarm.Scada;

public struct TurbineAccumulator
{
    public double EnergyKwh;
    public double PeakKw;
    public long Samples;
}

/// <summary>
/// Running energy totals for every turbine on the farm. The SCADA ingestion service calls
/// <see cref="RecordSample"/> from a pool of workers, so samples for the same turbine may be
/// handled by different workers at once; the reporting API reads totals concurrently.
/// </summary>
public sealed class FarmEnergyLedger : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _indexById = new();
    private TurbineAccumulator[] _totals = Array.Empty<TurbineAccumulator>();

    public void RegisterTurbine(string turbineId)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_indexById.ContainsKey(turbineId))
            {
                return;
            }

            _indexById[turbineId] = _totals.Length;
            Array.Resize(ref _totals, _totals.Length + 1);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void RecordSample(string turbineId, double powerKw, TimeSpan interval)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_indexById.TryGetValue(turbineId, out var index))
            {
                return;
            }

            ref var acc = ref _totals[index];
            acc.EnergyKwh += powerKw * interval.TotalHours;
            acc.PeakKw = Math.Max(acc.PeakKw, powerKw);
            acc.Samples++;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public TurbineAccumulator? Get(string turbineId)
    {
        _lock.EnterReadLock();
        try
        {
            return _indexById.TryGetValue(turbineId, out var index) ? _totals[index] : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public double FarmTotalKwh()
    {
        _lock.EnterReadLock();
        try
        {
            var sum = 0.0;
            foreach (var acc in _totals)
            {
                sum += acc.EnergyKwh;
            }

            return sum;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
