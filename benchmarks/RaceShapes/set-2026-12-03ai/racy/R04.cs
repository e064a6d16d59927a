using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind35.Telescope.Grinding;

public sealed record SurfaceMeasurement(DateTime TakenAt, double ZoneRadiusMm, double DeviationNm);

public interface IFoucaultTester
{
    Task<SurfaceMeasurement> MeasureAsync(CancellationToken ct);
}

/// <summary>
/// Periodically measures the mirror blank on the grinding stand and keeps recent results.
/// Registered as a hosted service and also as a singleton so the status page can read it.
/// </summary>
public sealed class GrindingStationMonitor : BackgroundService
{
    private const int MaxHistory = 500;

    private readonly IFoucaultTester _tester;
    private readonly ILogger<GrindingStationMonitor> _logger;
    private readonly List<SurfaceMeasurement> _history = new();

    public GrindingStationMonitor(IFoucaultTester tester, ILogger<GrindingStationMonitor> logger)
    {
        _tester = tester;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(2));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            SurfaceMeasurement measurement;
            try
            {
                measurement = await _tester.MeasureAsync(stoppingToken);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Tester did not respond");
                continue;
            }

            _history.Add(measurement);
            if (_history.Count > MaxHistory)
            {
                _history.RemoveAt(0);
            }
        }
    }

    /// <summary>Called by the status page for the deviation chart.</summary>
    public IReadOnlyList<SurfaceMeasurement> RecentMeasurements(int count)
    {
        return _history
            .Skip(Math.Max(0, _history.Count - count))
            .ToList();
    }
}

public sealed class GrindingStatusPage
{
    private readonly GrindingStationMonitor _monitor;

    public GrindingStatusPage(GrindingStationMonitor monitor) => _monitor = monitor;

    public object Render()
    {
        var recent = _monitor.RecentMeasurements(20);
        var worst = recent.Count == 0 ? 0 : recent.Max(m => Math.Abs(m.DeviationNm));
        return new
        {
            Points = recent.Select(m => new { m.ZoneRadiusMm, m.DeviationNm }),
            WorstDeviationNm = worst,
            ReadyForSilvering = recent.Count >= 5 && worst < 60,
        };
    }
}
