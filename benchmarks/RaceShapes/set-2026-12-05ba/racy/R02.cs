using Microsoft.Extensions.Hosting;

namespace Blind53.CheeseCaves.Telemetry;

public sealed record RindReading(string WheelId, double Humidity, double TemperatureC, DateTime TakenAtUtc);

public interface IReadingRepository
{
    Task SaveBatchAsync(IReadOnlyCollection<RindReading> readings, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps the latest reading for each cheese wheel and writes them to storage in batches.
/// Registered as a singleton; the sensor gateway endpoints call <see cref="Record"/> from
/// many request threads while <see cref="ReadingFlushService"/> flushes in the background.
/// </summary>
public sealed class WriteBehindReadingCache
{
    private readonly IReadingRepository _repository;
    private readonly object _flushLock = new();
    private Dictionary<string, RindReading> _pending = new(StringComparer.Ordinal);

    public WriteBehindReadingCache(IReadingRepository repository)
    {
        _repository = repository;
    }

    public void Record(RindReading reading)
    {
        lock (_pending)
        {
            _pending[reading.WheelId] = reading;
        }
    }

    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, RindReading> batch;
        lock (_flushLock)
        {
            batch = _pending;
            _pending = new Dictionary<string, RindReading>(StringComparer.Ordinal);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        var readings = batch.Values.ToList();
        await _repository.SaveBatchAsync(readings, cancellationToken).ConfigureAwait(false);
        return readings.Count;
    }
}

/// <summary>
/// Flushes the reading cache every few seconds and once more on shutdown.
/// </summary>
public sealed class ReadingFlushService : BackgroundService
{
    private readonly WriteBehindReadingCache _cache;

    public ReadingFlushService(WriteBehindReadingCache cache)
    {
        _cache = cache;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await _cache.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await _cache.FlushAsync(CancellationToken.None);
    }
}
