namespace Blind42.Bonsai.Watering;

public sealed class TreeRecord
{
    public TreeRecord(string treeId, string species)
    {
        TreeId = treeId;
        Species = species;
    }

    public string TreeId { get; }
    public string Species { get; }
    public double TotalLitres { get; set; }
}

public sealed record TreeWateringSummary(string TreeId, string Species, double TotalLitres);

/// <summary>
/// Watering ledger for the nursery benches. Written by the drip-irrigation controllers
/// (one callback thread per bench) and read by the nursery staff app; a single instance
/// is registered for the whole site.
/// </summary>
public sealed class WateringLedger : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly Dictionary<string, TreeRecord> _trees = new();

    public void Register(string treeId, string species)
    {
        _rw.EnterWriteLock();
        try
        {
            _trees.TryAdd(treeId, new TreeRecord(treeId, species));
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public bool RecordWatering(string treeId, double litres)
    {
        _rw.EnterReadLock();
        try
        {
            if (!_trees.TryGetValue(treeId, out var record))
            {
                return false;
            }

            record.TotalLitres += litres;
            return true;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public IReadOnlyList<TreeWateringSummary> Summaries()
    {
        _rw.EnterReadLock();
        try
        {
            return _trees.Values
                .Select(t => new TreeWateringSummary(t.TreeId, t.Species, t.TotalLitres))
                .ToList();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}

/// <summary>Receives pulses from one bench's drip controller.</summary>
public sealed class BenchDripListener
{
    private readonly WateringLedger _ledger;
    private readonly double _litresPerPulse;

    public BenchDripListener(WateringLedger ledger, double litresPerPulse)
    {
        _ledger = ledger;
        _litresPerPulse = litresPerPulse;
    }

    public void OnPulses(IEnumerable<(string TreeId, int Pulses)> pulses)
    {
        foreach (var (treeId, count) in pulses)
        {
            _ledger.RecordWatering(treeId, count * _litresPerPulse);
        }
    }
}
