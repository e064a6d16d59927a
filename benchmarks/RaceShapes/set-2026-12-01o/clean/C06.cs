namespace Solar.CleaningDrones.Dispatch;

public sealed record PanelRow(string RowId, double SoilingIndex, DateTime LastCleanedUtc);

public interface IDispatchJournal
{
    Task AppendAsync(string droneId, string rowId, CancellationToken ct);
}

/// <summary>
/// Hands out panel rows to cleaning drones, dirtiest first. Registered as a singleton;
/// each drone's docking station calls <see cref="AssignNextRowAsync"/> over the site API.
/// </summary>
public sealed class CleaningDispatcher : IDisposable
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly PriorityQueue<PanelRow, double> _rows = new();
    private readonly Dictionary<string, string> _assignedTo = new(StringComparer.Ordinal);
    private readonly IDispatchJournal _journal;

    public CleaningDispatcher(IDispatchJournal journal) => _journal = journal;

    public async Task AddRowsAsync(IEnumerable<PanelRow> rows, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            foreach (var row in rows)
            {
                _rows.Enqueue(row, -row.SoilingIndex);
            }
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<PanelRow?> AssignNextRowAsync(string droneId, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            while (_rows.TryDequeue(out var row, out _))
            {
                if (_assignedTo.ContainsKey(row.RowId))
                {
                    continue;
                }

                // Journal first so a crash does not lose track of which drone has which row.
                await _journal.AppendAsync(droneId, row.RowId, ct);
                _assignedTo[row.RowId] = droneId;
                return row;
            }

            return null;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task CompleteAsync(string rowId, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            _assignedTo.Remove(rowId);
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<int> PendingCountAsync(CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            return _rows.Count;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public void Dispose() => _mutex.Dispose();
}
