using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind28.Observatory.Digitisation;

public sealed record ScanStatus(int PlatesScanned, int PlatesFailed, string? LastPlate, DateTimeOffset UpdatedAt);

public interface IPlateScanner
{
    Task<bool> ScanNextAsync(string plateId, CancellationToken ct);
}

/// <summary>
/// Hosted service that works through the digitisation queue of the plate archive a
/// plate at a time. The status page reads <see cref="Status"/> on request threads.
/// </summary>
public sealed class DigitisationService : BackgroundService
{
    private readonly IPlateScanner _scanner;
    private readonly Queue<string> _backlog;
    private readonly ILogger<DigitisationService> _logger;
    private ScanStatus _status = new(0, 0, null, DateTimeOffset.MinValue);

    public DigitisationService(IPlateScanner scanner, IEnumerable<string> backlog, ILogger<DigitisationService> logger)
    {
        _scanner = scanner;
        _backlog = new Queue<string>(backlog);
        _logger = logger;
    }

    public ScanStatus Status => Volatile.Read(ref _status);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        var scanned = 0;
        var failed = 0;

        while (_backlog.Count > 0 && await timer.WaitForNextTickAsync(stoppingToken))
        {
            var plate = _backlog.Dequeue();
            bool ok;
            try
            {
                ok = await _scanner.ScanNextAsync(plate, stoppingToken);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Scanner error on plate {Plate}", plate);
                ok = false;
            }

            if (ok)
            {
                scanned++;
            }
            else
            {
                failed++;
                _backlog.Enqueue(plate);
            }

            Volatile.Write(ref _status, new ScanStatus(scanned, failed, plate, DateTimeOffset.UtcNow));
        }

        _logger.LogInformation("Digitisation finished: {Scanned} scanned, {Failed} failures", scanned, failed);
    }
}
