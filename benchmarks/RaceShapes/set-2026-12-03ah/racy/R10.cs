using Microsoft.Extensions.Hosting;

namespace Blind34.TramDepot.Status;

/// <summary>Latest yard counts for the depot.</summary>
public sealed class DepotStatus
{
    public int TramsInShed { get; set; }
    public int TramsOnRoute { get; set; }
    public int TramsInWorkshop { get; set; }
    public DateTimeOffset LastPoll { get; set; }
}

public interface IYardSensors
{
    Task<(int Shed, int Route, int Workshop)> CountAsync(CancellationToken ct);
}

/// <summary>Polls the yard sensors every fifteen seconds.</summary>
public sealed class DepotPollingService : BackgroundService
{
    private readonly object _statusGate = new();
    private readonly IYardSensors _sensors;

    public DepotPollingService(IYardSensors sensors) => _sensors = sensors;

    public DepotStatus Status { get; } = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        do
        {
            var (shed, route, workshop) = await _sensors.CountAsync(stoppingToken);
            lock (_statusGate)
            {
                Status.TramsInShed = shed;
                Status.TramsOnRoute = route;
                Status.TramsInWorkshop = workshop;
                Status.LastPoll = DateTimeOffset.UtcNow;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// Used by the controller room's status endpoint; a request thread calls
/// <see cref="Describe"/> whenever the board refreshes.
/// </summary>
public sealed class DepotStatusReporter
{
    private readonly DepotPollingService _poller;

    public DepotStatusReporter(DepotPollingService poller) => _poller = poller;

    public string Describe()
    {
        var status = _poller.Status;
        lock (status)
        {
            var total = status.TramsInShed + status.TramsOnRoute + status.TramsInWorkshop;
            return $"{status.TramsOnRoute}/{total} out, {status.TramsInShed} in shed, " +
                   $"{status.TramsInWorkshop} in workshop (as of {status.LastPoll:HH:mm:ss})";
        }
    }
}
