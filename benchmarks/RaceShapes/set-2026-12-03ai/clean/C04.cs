using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind35.Telescope.Figuring;

public sealed record ZoneReading(double RadiusMm, double DeviationNm);

public sealed record FiguringStatus(DateTime TakenAt, IReadOnlyList<ZoneReading> Zones, double StrehlEstimate)
{
    public static readonly FiguringStatus Empty = new(DateTime.MinValue, Array.Empty<ZoneReading>(), 0);
}

public interface IInterferometer
{
    Task<IReadOnlyList<ZoneReading>> ScanAsync(CancellationToken ct);
}

/// <summary>
/// Background scan of the mirror on the figuring stand. The latest result is published as an
/// immutable status object that the status page reads from request threads.
/// </summary>
public sealed class FiguringMonitor : BackgroundService
{
    private readonly IInterferometer _interferometer;
    private readonly ILogger<FiguringMonitor> _logger;
    private FiguringStatus _status = FiguringStatus.Empty;

    public FiguringMonitor(IInterferometer interferometer, ILogger<FiguringMonitor> logger)
    {
        _interferometer = interferometer;
        _logger = logger;
    }

    public FiguringStatus Current => Volatile.Read(ref _status);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                var zones = await _interferometer.ScanAsync(stoppingToken);
                var frozen = zones.ToArray();
                var rms = frozen.Length == 0 ? 0 : Math.Sqrt(frozen.Average(z => z.DeviationNm * z.DeviationNm));
                var strehl = Math.Exp(-Math.Pow(2 * Math.PI * rms / 550.0, 2));
                Volatile.Write(ref _status, new FiguringStatus(DateTime.UtcNow, frozen, strehl));
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Interferometer scan failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed class FiguringStatusPage
{
    private readonly FiguringMonitor _monitor;

    public FiguringStatusPage(FiguringMonitor monitor) => _monitor = monitor;

    public object Render()
    {
        var status = _monitor.Current;
        return new
        {
            status.TakenAt,
            Strehl = Math.Round(status.StrehlEstimate, 3),
            Worst = status.Zones.Count == 0 ? 0 : status.Zones.Max(z => Math.Abs(z.DeviationNm)),
            Diffraction = status.StrehlEstimate >= 0.8,
        };
    }
}
