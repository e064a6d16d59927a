namespace Blind42.Bonsai.Repotting;

public readonly record struct RepotRecord(string TreeId, string Species, int Repots, DateTime LastRepottedUtc, string Soil);

/// <summary>
/// Repotting history for every tree in the nursery. A single instance is shared by the
/// potting-bench tablets (writers) and the customer-facing catalogue (readers).
/// </summary>
public sealed class RepottingRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, RepotRecord> _records = new(StringComparer.OrdinalIgnoreCase);

    public void RecordRepot(string treeId, string species, string soil)
    {
        _rw.EnterUpgradeableReadLock();
        try
        {
            _records.TryGetValue(treeId, out var existing);
            var updated = existing.TreeId is null
                ? new RepotRecord(treeId, species, 1, DateTime.UtcNow, soil)
                : existing with { Repots = existing.Repots + 1, LastRepottedUtc = DateTime.UtcNow, Soil = soil };

            _rw.EnterWriteLock();
            try
            {
                _records[treeId] = updated;
            }
            finally
            {
                _rw.ExitWriteLock();
            }
        }
        finally
        {
            _rw.ExitUpgradeableReadLock();
        }
    }

    public RepotRecord? Find(string treeId)
    {
        _rw.EnterReadLock();
        try
        {
            return _records.TryGetValue(treeId, out var record) ? record : null;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public IReadOnlyList<RepotRecord> DueForRepotting(TimeSpan interval, DateTime nowUtc)
    {
        _rw.EnterReadLock();
        try
        {
            return _records.Values.Where(r => nowUtc - r.LastRepottedUtc >= interval).ToList();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}

/// <summary>Potting bench tablet: records a batch of repots in the background.</summary>
public static class PottingBench
{
    public static Task RecordBatchAsync(RepottingRegistry registry, IEnumerable<(string TreeId, string Species)> trees, string soil) =>
        Parallel.ForEachAsync(trees, (tree, _) =>
        {
            registry.RecordRepot(tree.TreeId, tree.Species, soil);
            return ValueTask.CompletedTask;
        });
}
