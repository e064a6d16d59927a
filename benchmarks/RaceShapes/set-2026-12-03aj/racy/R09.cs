namespace Blind36.RopeBridges.Inspections;

public enum Condition { Sound, Monitor, Restricted, Closed }

public sealed record InspectionReport(
    string BridgeId,
    string Inspector,
    DateOnly Date,
    Condition Condition,
    int FrayedStrands,
    string Notes);

/// <summary>
/// Latest inspection per bridge for the guild's field app. One instance is shared by
/// the sync endpoint (inspectors uploading reports) and the map endpoint (hikers and
/// rangers checking whether a crossing is open); both call it concurrently.
/// </summary>
public sealed class InspectionRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, InspectionReport> _latest = new(StringComparer.OrdinalIgnoreCase);

    public void Record(InspectionReport report)
    {
        _lock.EnterReadLock();
        try
        {
            if (_latest.TryGetValue(report.BridgeId, out var existing) && existing.Date > report.Date)
                return; // an older report arrived late from an offline device

            _latest[report.BridgeId] = report;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public InspectionReport? GetLatest(string bridgeId)
    {
        _lock.EnterReadLock();
        try
        {
            return _latest.TryGetValue(bridgeId, out var r) ? r : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<string> ClosedBridges()
    {
        _lock.EnterReadLock();
        try
        {
            return _latest.Values
                .Where(r => r.Condition == Condition.Closed)
                .Select(r => r.BridgeId)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Remove(string bridgeId)
    {
        _lock.EnterWriteLock();
        try
        {
            _latest.Remove(bridgeId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
