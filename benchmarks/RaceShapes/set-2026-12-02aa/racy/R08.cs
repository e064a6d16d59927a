using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind27.TidalPower.Monitoring;

/// <summary>One reading from the barrage turbine hall.</summary>
public struct TurbineHallReading
{
    public DateTime TakenAtUtc;
    public double HeadMetres;
    public double OutputMegawatts;
    public int TurbinesOnline;
}

public interface ITurbineTelemetrySource
{
    Task<(double Head, double Output, int Online)> PollAsync(CancellationToken ct);
}

/// <summary>
/// Polls the SCADA gateway for the turbine hall and keeps the most recent reading.
/// Registered as a singleton hosted service; the dashboard API controllers call
/// <see cref="GetLatest"/> on every request.
/// </summary>
public sealed class TurbineHallMonitor : BackgroundService
{
    private readonly ITurbineTelemetrySource _source;
    private readonly ILogger<TurbineHallMonitor> _logger;
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(2);
    private TurbineHallReading _latest;

    public TurbineHallMonitor(ITurbineTelemetrySource source, ILogger<TurbineHallMonitor> logger)
    {
        _source = source;
        _logger = logger;
    }

    public TurbineHallReading GetLatest() => _latest;

    public double CapacityFactor(double installedMegawatts)
    {
        var reading = GetLatest();
        return installedMegawatts <= 0 ? 0 : reading.OutputMegawatts / installedMegawatts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (head, output, online) = await _source.PollAsync(stoppingToken);
                _latest = new TurbineHallReading
                {
                    TakenAtUtc = DateTime.UtcNow,
                    HeadMetres = head,
                    OutputMegawatts = output,
                    TurbinesOnline = online,
                };
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Turbine hall poll failed");
            }

            await Task.Delay(_interval, stoppingToken);
        }
    }
}
