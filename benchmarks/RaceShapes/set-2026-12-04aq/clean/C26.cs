using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind43.KelpFarm.Buoys;

public sealed record BuoyReading(string BuoyId, double WaterTempC, double NitrateUmol, DateTimeOffset At);

/// <summary>
/// Ingests readings from the kelp farm's sensor buoys. The MQTT bridge calls
/// <see cref="Accept"/> from its own receive threads; this hosted service stores the readings
/// and writes a throughput line every minute.
/// </summary>
public sealed class BuoyIngestionService : BackgroundService
{
    private readonly BlockingCollection<BuoyReading> _inbox = new(new ConcurrentQueue<BuoyReading>(), 10_000);
    private readonly ConcurrentDictionary<string, BuoyReading> _latestByBuoy = new(StringComparer.Ordinal);
    private readonly ILogger<BuoyIngestionService> _logger;
    private long _acceptedSinceReport;
    private long _droppedSinceReport;

    public BuoyIngestionService(ILogger<BuoyIngestionService> logger) => _logger = logger;

    public bool Accept(BuoyReading reading)
    {
        if (_inbox.TryAdd(reading))
        {
            Interlocked.Increment(ref _acceptedSinceReport);
            return true;
        }

        Interlocked.Increment(ref _droppedSinceReport);
        return false;
    }

    public BuoyReading? Latest(string buoyId) => _latestByBuoy.TryGetValue(buoyId, out var r) ? r : null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var store = Task.Factory.StartNew(() => StoreLoop(stoppingToken), stoppingToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var report = ReportLoopAsync(stoppingToken);
        return Task.WhenAll(store, report);
    }

    private void StoreLoop(CancellationToken ct)
    {
        try
        {
            foreach (var reading in _inbox.GetConsumingEnumerable(ct))
            {
                _latestByBuoy.AddOrUpdate(reading.BuoyId, reading,
                    (_, existing) => existing.At >= reading.At ? existing : reading);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReportLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var accepted = Interlocked.Exchange(ref _acceptedSinceReport, 0);
                var dropped = Interlocked.Exchange(ref _droppedSinceReport, 0);
                _logger.LogInformation("Buoys: {Accepted} readings accepted, {Dropped} dropped, {Buoys} buoys reporting",
                    accepted, dropped, _latestByBuoy.Count);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _inbox.Dispose();
    }
}
