namespace ChemLab.Inventory;

public sealed record ReagentCount(string CasNumber, string Location, decimal QuantityGrams);

public sealed record ReconciliationReport(DateTime RunAt, IReadOnlyDictionary<string, decimal> Discrepancies);

/// <summary>
/// Compares shelf counts from barcode scanners with the inventory system. Triggered both by
/// the nightly job and by lab managers on demand; overlapping requests are skipped.
/// </summary>
public sealed class ReagentReconciler
{
    private readonly Func<IReadOnlyList<ReagentCount>> _systemCounts;
    private readonly Func<IReadOnlyList<ReagentCount>> _shelfCounts;
    private readonly Dictionary<string, decimal> _working = new(StringComparer.Ordinal);
    private int _running;
    private ReconciliationReport? _lastReport;

    public ReagentReconciler(Func<IReadOnlyList<ReagentCount>> systemCounts, Func<IReadOnlyList<ReagentCount>> shelfCounts)
    {
        _systemCounts = systemCounts;
        _shelfCounts = shelfCounts;
    }

    public ReconciliationReport? LastReport => Volatile.Read(ref _lastReport);

    public bool TryReconcile()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            _working.Clear();
            foreach (var item in _systemCounts())
            {
                var key = item.CasNumber + "@" + item.Location;
                _working[key] = _working.GetValueOrDefault(key) - item.QuantityGrams;
            }

            foreach (var item in _shelfCounts())
            {
                var key = item.CasNumber + "@" + item.Location;
                _working[key] = _working.GetValueOrDefault(key) + item.QuantityGrams;
            }

            var discrepancies = _working
                .Where(kv => Math.Abs(kv.Value) >= 0.5m)
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

            Volatile.Write(ref _lastReport, new ReconciliationReport(DateTime.UtcNow, discrepancies));
            return true;
        }
        finally
        {
            Interlocked.Exchange(ref _running, 0);
        }
    }
}
