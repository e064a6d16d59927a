namespace Blind61.WindFarms;

public sealed record TurbineStatus(string TurbineId, double OutputKw, double WindMs, bool Curtailed);

public interface IScadaGateway
{
    Task<IReadOnlyList<TurbineStatus>> PollAsync(CancellationToken ct);
}

/// <summary>
/// Latest SCADA picture of the farm. App-wide singleton: the refresh service updates it and
/// the grid-operator API and the control-room dashboard read it on request threads.
/// </summary>
public sealed class FarmStatusCache
{
    private readonly IScadaGateway _scada;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly List<TurbineStatus> _turbines = new();
    private DateTimeOffset _lastRefresh;

    public FarmStatusCache(IScadaGateway scada) => _scada = scada;

    public async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshGate.WaitAsync(ct);
        try
        {
            var polled = await _scada.PollAsync(ct);
            _turbines.Clear();
            _turbines.AddRange(polled.OrderBy(t => t.TurbineId, StringComparer.Ordinal));
            _lastRefresh = DateTimeOffset.UtcNow;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public async Task<DateTimeOffset> LastRefreshAsync(CancellationToken ct)
    {
        await _refreshGate.WaitAsync(ct);
        try
        {
            return _lastRefresh;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Total farm export for the grid operator's availability feed.</summary>
    public double TotalOutputKw()
    {
        double total = 0;
        foreach (var t in _turbines)
            total += t.OutputKw;
        return total;
    }

    public int CurtailedCount()
    {
        _refreshGate.Wait();
        try
        {
            return _turbines.Count(t => t.Curtailed);
        }
        finally
        {
            _refreshGate.Release();
        }
    }
}

/// <summary>Background refresh every ten seconds.</summary>
public sealed class FarmStatusRefresher : Microsoft.Extensions.Hosting.BackgroundService
{
    private readonly FarmStatusCache _cache;

    public FarmStatusRefresher(FarmStatusCache cache) => _cache = cache;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            try
            {
                await _cache.RefreshAsync(stoppingToken);
            }
            catch (HttpRequestException)
            {
                // SCADA link drops now and then; keep the last picture
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
