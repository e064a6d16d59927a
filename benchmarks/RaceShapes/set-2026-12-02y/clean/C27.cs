using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ballooning.WindWatch;

public sealed record WindSnapshot(double SurfaceKnots, double GustKnots, double AloftKnots, DateTime TakenAt, bool LaunchAdvisable);

public interface IAnemometer
{
    ValueTask<(double Surface, double Aloft)> ReadAsync(CancellationToken ct);
}

/// <summary>
/// Samples the launch field anemometer every few seconds and publishes an
/// immutable snapshot for the pilots' briefing page. Registered as a singleton
/// and a hosted service; the briefing endpoints read <see cref="Latest"/> and
/// <see cref="SamplesTaken"/> on request threads.
/// </summary>
public sealed class WindWatchService : BackgroundService
{
    private const double MaxSurfaceKnots = 8;
    private const double MaxGustKnots = 12;

    private readonly IAnemometer _anemometer;
    private readonly ILogger<WindWatchService> _logger;
    private readonly Queue<double> _recentSurface = new();
    private WindSnapshot? _latest;
    private long _samplesTaken;

    public WindWatchService(IAnemometer anemometer, ILogger<WindWatchService> logger)
    {
        _anemometer = anemometer;
        _logger = logger;
    }

    public WindSnapshot? Latest => Volatile.Read(ref _latest);
    public long SamplesTaken => Interlocked.Read(ref _samplesTaken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        do
        {
            try
            {
                var (surface, aloft) = await _anemometer.ReadAsync(stoppingToken).ConfigureAwait(false);
                _recentSurface.Enqueue(surface);
                while (_recentSurface.Count > 24) _recentSurface.Dequeue();

                var gust = _recentSurface.Max();
                var snapshot = new WindSnapshot(surface, gust, aloft, DateTime.UtcNow,
                    surface <= MaxSurfaceKnots && gust <= MaxGustKnots);
                Volatile.Write(ref _latest, snapshot);
                Interlocked.Increment(ref _samplesTaken);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Anemometer read failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

public static class BriefingEndpoints
{
    public static object Brief(WindWatchService watch)
    {
        var w = watch.Latest;
        return w is null
            ? new { status = "no data", samples = watch.SamplesTaken }
            : new { status = w.LaunchAdvisable ? "go" : "hold", surface = w.SurfaceKnots, gust = w.GustKnots, samples = watch.SamplesTaken };
    }
}
