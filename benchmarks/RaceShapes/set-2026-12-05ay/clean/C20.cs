using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind51.AvalancheForecasting.Metrics;

/// <summary>
/// Counters for the avalanche bulletin service. Registered as a singleton; every request
/// handler and ingestion worker records into it concurrently.
/// </summary>
public sealed class BulletinMetrics
{
    private long _bulletinsServed;
    private long _snowpitReportsIngested;
    private long _stationReadingsRejected;
    private long _dangerLevelSum;
    private long _dangerLevelCount;

    public void BulletinServed() => Interlocked.Increment(ref _bulletinsServed);

    public void SnowpitIngested() => Interlocked.Increment(ref _snowpitReportsIngested);

    public void StationReadingRejected() => Interlocked.Increment(ref _stationReadingsRejected);

    public void DangerLevelIssued(int level)
    {
        Interlocked.Add(ref _dangerLevelSum, level);
        Interlocked.Increment(ref _dangerLevelCount);
    }

    /// <summary>Returns the counts since the last drain and resets them to zero.</summary>
    public MetricsWindow Drain() => new(
        Interlocked.Exchange(ref _bulletinsServed, 0),
        Interlocked.Exchange(ref _snowpitReportsIngested, 0),
        Interlocked.Exchange(ref _stationReadingsRejected, 0),
        Interlocked.Exchange(ref _dangerLevelSum, 0),
        Interlocked.Exchange(ref _dangerLevelCount, 0));
}

public readonly record struct MetricsWindow(long Bulletins, long Snowpits, long Rejected, long DangerSum, long DangerCount)
{
    public double MeanDanger => DangerCount == 0 ? 0 : (double)DangerSum / DangerCount;
}

public interface IMetricsSink
{
    Task WriteAsync(DateTimeOffset at, MetricsWindow window, CancellationToken cancellationToken);
}

/// <summary>
/// Flushes the bulletin metrics to the monitoring sink once a minute.
/// </summary>
public sealed class MetricsExporter : BackgroundService
{
    private readonly BulletinMetrics _metrics;
    private readonly IMetricsSink _sink;
    private readonly ILogger<MetricsExporter> _logger;
    private volatile bool _lastFlushFailed;

    public MetricsExporter(BulletinMetrics metrics, IMetricsSink sink, ILogger<MetricsExporter> logger)
    {
        _metrics = metrics;
        _sink = sink;
        _logger = logger;
    }

    /// <summary>Read by the health check endpoint.</summary>
    public bool Healthy => !_lastFlushFailed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await FlushAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var window = _metrics.Drain();
        try
        {
            await _sink.WriteAsync(DateTimeOffset.UtcNow, window, cancellationToken).ConfigureAwait(false);
            _lastFlushFailed = false;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            _lastFlushFailed = true;
            _logger.LogWarning(ex, "Metrics flush failed; {Bulletins} bulletin counts dropped", window.Bulletins);
        }
    }
}
