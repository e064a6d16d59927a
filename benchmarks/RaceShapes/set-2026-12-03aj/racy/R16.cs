using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind36.Dowsing.Survey;

public sealed record DowsingReading(string Member, double Latitude, double Longitude, string Instrument, bool Response, DateTime At);

public interface ISurveyArchive
{
    Task AppendAsync(IReadOnlyList<DowsingReading> batch, CancellationToken ct);
}

/// <summary>
/// Collects field readings posted by members during a society survey day and writes
/// them to the archive in batches. Registered as a singleton and as a hosted service;
/// <see cref="Submit"/> is called from the readings API controller.
/// </summary>
public sealed class SurveyIngestService : BackgroundService
{
    private readonly object _lock = new();
    private readonly ISurveyArchive _archive;
    private readonly ILogger<SurveyIngestService> _logger;
    private List<DowsingReading> _buffer = new();

    public SurveyIngestService(ISurveyArchive archive, ILogger<SurveyIngestService> logger)
    {
        _archive = archive;
        _logger = logger;
    }

    public void Submit(DowsingReading reading)
    {
        lock (_lock)
        {
            _buffer.Add(reading);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var batch = _buffer;
        _buffer = new List<DowsingReading>();

        if (batch.Count == 0)
            return;

        try
        {
            await _archive.AppendAsync(batch, ct);
            _logger.LogInformation("Archived {Count} dowsing readings", batch.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Failed to archive {Count} readings; re-queuing", batch.Count);
            lock (_lock)
            {
                _buffer.InsertRange(0, batch);
            }
        }
    }
}
