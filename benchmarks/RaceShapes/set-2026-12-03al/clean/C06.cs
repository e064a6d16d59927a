using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind38.Pottery.Kilns;

public sealed record KilnReading(double ChamberTempC, double TargetTempC, string Segment, DateTime MeasuredUtc)
{
    public double Error => ChamberTempC - TargetTempC;
}

public interface IKilnController
{
    Task<(double Chamber, double Target, string Segment)> PollAsync(CancellationToken ct);
}

/// <summary>
/// Polls the kiln controller during a firing. Registered as a singleton and a hosted
/// service; the studio's status page and the SMS alerter read <see cref="Latest"/>.
/// </summary>
public sealed class KilnFiringMonitor : BackgroundService
{
    private readonly IKilnController _controller;
    private readonly ILogger<KilnFiringMonitor> _logger;
    private KilnReading? _latest;
    private int _consecutiveFailures;

    public KilnFiringMonitor(IKilnController controller, ILogger<KilnFiringMonitor> logger)
    {
        _controller = controller;
        _logger = logger;
    }

    public KilnReading? Latest => Volatile.Read(ref _latest);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    public bool IsStalled(TimeSpan maxAge)
    {
        var reading = Latest;
        return reading is null || DateTime.UtcNow - reading.MeasuredUtc > maxAge;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (chamber, target, segment) = await _controller.PollAsync(stoppingToken);
                Volatile.Write(ref _latest, new KilnReading(chamber, target, segment, DateTime.UtcNow));
                Volatile.Write(ref _consecutiveFailures, 0);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var failures = Interlocked.Increment(ref _consecutiveFailures);
                _logger.LogWarning(ex, "Kiln poll failed ({Failures} in a row)", failures);
            }
        }
    }
}
