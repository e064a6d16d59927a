namespace BloodBank.ColdChain;

public sealed record TemperatureReading(string UnitId, string FridgeId, double Celsius, DateTimeOffset TakenAt);

/// <summary>
/// Collects temperature readings for blood units in transit and on the shelf.
/// One instance is shared by all probe listeners and by the quality dashboard;
/// its members are called from many threads at once.
/// </summary>
public sealed class ColdChainLedger
{
    private const double MinSafe = 2.0;
    private const double MaxSafe = 6.0;

    private readonly object _sync = new();
    private readonly List<TemperatureReading> _readings = new();
    private readonly HashSet<string> _quarantined = new();

    public void Record(TemperatureReading reading)
    {
        lock (_sync)
        {
            _readings.Add(reading);
            if (reading.Celsius < MinSafe || reading.Celsius > MaxSafe)
            {
                _quarantined.Add(reading.UnitId);
            }
        }
    }

    public bool IsQuarantined(string unitId)
    {
        lock (_sync)
        {
            return _quarantined.Contains(unitId);
        }
    }

    /// <summary>
    /// Used by the quality dashboard to list every out-of-range reading for a fridge.
    /// </summary>
    public IReadOnlyList<TemperatureReading> GetExcursions(string fridgeId)
    {
        var excursions = new List<TemperatureReading>();
        foreach (var reading in _readings)
        {
            if (reading.FridgeId == fridgeId && (reading.Celsius < MinSafe || reading.Celsius > MaxSafe))
            {
                excursions.Add(reading);
            }
        }
        return excursions;
    }

    public void Release(string unitId)
    {
        lock (_sync)
        {
            _quarantined.Remove(unitId);
        }
    }
}

/// <summary>
/// Listens to a fridge probe and feeds the ledger.
/// </summary>
public sealed class ProbeListener
{
    private readonly ColdChainLedger _ledger;
    private readonly string _fridgeId;

    public ProbeListener(ColdChainLedger ledger, string fridgeId)
    {
        _ledger = ledger;
        _fridgeId = fridgeId;
    }

    public Task RunAsync(Func<CancellationToken, Task<(string UnitId, double Celsius)>> readProbe, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var (unitId, celsius) = await readProbe(ct);
                _ledger.Record(new TemperatureReading(unitId, _fridgeId, celsius, DateTimeOffset.UtcNow));
            }
        }, ct);
    }
}
