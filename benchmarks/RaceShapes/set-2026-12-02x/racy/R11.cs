namespace Blind24.BellFoundry;

public sealed class CastingRecord
{
    public CastingRecord(string bellId, double targetMassKg)
    {
        BellId = bellId;
        TargetMassKg = targetMassKg;
    }

    public string BellId { get; }
    public double TargetMassKg { get; }
    public int PourCount { get; set; }
    public double LastPourTemperatureC { get; set; }
    public double PouredMassKg { get; set; }
}

/// <summary>
/// Registry of bells currently being cast. Shared by the furnace telemetry
/// listeners (one per crucible) and the foundry floor dashboard.
/// </summary>
public sealed class CastingRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, CastingRecord> _castings = new();

    public void Register(string bellId, double targetMassKg)
    {
        _lock.EnterWriteLock();
        try
        {
            _castings[bellId] = new CastingRecord(bellId, targetMassKg);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Called by crucible listeners whenever bronze is poured into a mould.</summary>
    public bool RecordPour(string bellId, double massKg, double temperatureC)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_castings.TryGetValue(bellId, out var record))
            {
                return false;
            }

            record.PourCount++;
            record.PouredMassKg += massKg;
            record.LastPourTemperatureC = temperatureC;
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<(string BellId, double PercentPoured, int Pours)> Progress()
    {
        _lock.EnterReadLock();
        try
        {
            return _castings.Values
                .Select(r => (r.BellId, 100.0 * r.PouredMassKg / r.TargetMassKg, r.PourCount))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Listens to one crucible's load cell and reports pours.</summary>
public sealed class CrucibleListener
{
    private readonly CastingRegistry _registry;
    private readonly string _crucibleId;

    public CrucibleListener(CastingRegistry registry, string crucibleId)
    {
        _registry = registry;
        _crucibleId = crucibleId;
    }

    public Task ListenAsync(IAsyncEnumerable<(string BellId, double MassKg, double TempC)> pours, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            await foreach (var pour in pours.WithCancellation(ct))
            {
                if (!_registry.RecordPour(pour.BellId, pour.MassKg, pour.TempC))
                {
                    Console.WriteLine($"{_crucibleId}: pour for unknown bell {pour.BellId}");
                }
            }
        }, ct);
    }
}
