namespace Blind35.Rickshaws.Maintenance;

public sealed record ServiceVisit(string RickshawId, DateTime At, string Work, decimal Cost);

/// <summary>
/// Session with the depot's workshop ledger (an embedded file database). A session supports
/// only one operation at a time.
/// </summary>
public sealed class WorkshopLedgerSession
{
    private readonly List<ServiceVisit> _visits = new();
    private readonly List<ServiceVisit> _unsaved = new();

    public void Add(ServiceVisit visit) => _unsaved.Add(visit);

    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await Task.Delay(5, ct).ConfigureAwait(false); // disk write
        var count = _unsaved.Count;
        _visits.AddRange(_unsaved);
        _unsaved.Clear();
        return count;
    }

    public async Task<IReadOnlyList<ServiceVisit>> QueryAsync(string rickshawId, CancellationToken ct)
    {
        await Task.Delay(2, ct).ConfigureAwait(false); // disk read
        return _visits.Where(v => v.RickshawId == rickshawId).OrderBy(v => v.At).ToList();
    }
}

/// <summary>
/// Repository over the single ledger session. Registered as a singleton and called by the
/// mechanics' app and the fleet dashboard concurrently.
/// </summary>
public sealed class MaintenanceRepository : IDisposable
{
    private readonly WorkshopLedgerSession _session = new();
    private readonly SemaphoreSlim _sessionGate = new(1, 1);

    public async Task RecordAsync(ServiceVisit visit, CancellationToken ct)
    {
        await _sessionGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _session.Add(visit);
            await _session.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    public async Task<decimal> CostToDateAsync(string rickshawId, CancellationToken ct)
    {
        await _sessionGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var visits = await _session.QueryAsync(rickshawId, ct).ConfigureAwait(false);
            return visits.Sum(v => v.Cost);
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    public async Task<DateTime?> LastServiceAsync(string rickshawId, CancellationToken ct)
    {
        await _sessionGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var visits = await _session.QueryAsync(rickshawId, ct).ConfigureAwait(false);
            return visits.Count == 0 ? null : visits[^1].At;
        }
        finally
        {
            _sessionGate.Release();
        }
    }

    public void Dispose() => _sessionGate.Dispose();
}

public static class DashboardLoader
{
    public static Task<decimal[]> LoadCostsAsync(MaintenanceRepository repo, IEnumerable<string> fleet, CancellationToken ct) =>
        Task.WhenAll(fleet.Select(id => repo.CostToDateAsync(id, ct)));
}
