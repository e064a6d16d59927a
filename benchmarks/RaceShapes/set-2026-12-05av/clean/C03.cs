using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind48.Forge.Maintenance;

public interface IForgeTelemetry
{
    Task<IReadOnlyList<(string Station, double PeakTempC, int HammerStrikes)>> ReadSinceAsync(DateTimeOffset since, CancellationToken ct);
}

public sealed record MaintenanceReport(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<string> StationsDue,
    int StrikesSinceLastService);

/// <summary>
/// Hosted service that builds the forge maintenance report every 15 minutes.
/// The dashboard endpoint reads <see cref="LastReport"/> at any time.
/// </summary>
public sealed class MaintenanceReportScheduler : BackgroundService
{
    private readonly IForgeTelemetry _telemetry;
    private readonly ILogger<MaintenanceReportScheduler> _logger;
    private readonly Dictionary<string, int> _strikesByStation = new(StringComparer.Ordinal);
    private DateTimeOffset _lastRead = DateTimeOffset.UtcNow;
    private MaintenanceReport? _lastReport;

    public MaintenanceReportScheduler(IForgeTelemetry telemetry, ILogger<MaintenanceReportScheduler> logger)
    {
        _telemetry = telemetry;
        _logger = logger;
    }

    public MaintenanceReport? LastReport => Volatile.Read(ref _lastReport);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(15));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await BuildReportAsync(stoppingToken);
                }
                catch (HttpRequestException ex)
                {
                    _logger.LogWarning(ex, "Forge telemetry unavailable; keeping previous report");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task BuildReportAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var samples = await _telemetry.ReadSinceAsync(_lastRead, ct);
        _lastRead = now;

        foreach (var (station, peak, strikes) in samples)
        {
            _strikesByStation.TryGetValue(station, out var total);
            _strikesByStation[station] = total + strikes + (peak > 1300 ? 500 : 0);
        }

        var due = _strikesByStation
            .Where(kv => kv.Value > 20_000)
            .Select(kv => kv.Key)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();

        foreach (var station in due)
        {
            _strikesByStation[station] = 0;
        }

        var report = new MaintenanceReport(now, due, _strikesByStation.Values.Sum());
        Volatile.Write(ref _lastReport, report);
        _logger.LogInformation("Maintenance report built: {Count} stations due", due.Length);
    }
}
