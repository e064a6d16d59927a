using Forklift;

namespace WorkerService;

/// <summary>
/// Renders batches of thumbnails in the "images" pool. <c>Jobs:Batches</c> (configuration or command line) says how
/// many, then the service stops itself; <c>0</c> runs until the host is stopped (Ctrl+C, SIGTERM).
/// </summary>
/// <remarks>A batch in flight when the host stops is finished, not abandoned: it runs with its own token, and the
/// loop checks <c>stoppingToken</c> only between batches. The host waits for that (up to its shutdown timeout), and
/// only then does Forklift drain its pools.</remarks>
public sealed partial class ThumbnailJobs(
    [FromKeyedServices("images")] IWorkerPool images,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<ThumbnailJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int batches = configuration.GetValue("Jobs:Batches", 1);
        for (int batch = 1; (batches == 0 || batch <= batches) && !stoppingToken.IsCancellationRequested; batch++)
        {
            LogBatchStarted(logger, batch);
            int[] imageIds = Enumerable.Range(1, 6).ToArray();
            await foreach ((int index, (long checksum, int workerPid)) in Thumbnails.RenderUnorderedAsync(images, imageIds.Select(id => (id, 300)), CancellationToken.None))
            {
                LogRendered(logger, imageIds[index], checksum, workerPid);
            }

            LogBatchDone(logger, batch, imageIds.Length, Environment.ProcessId);
        }

        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 1, EventName = "ImageRendered", Level = LogLevel.Information, Message = "image {ImageId}: checksum {Checksum} (worker {WorkerPid})")]
    private static partial void LogRendered(ILogger logger, int imageId, long checksum, int workerPid);

    [LoggerMessage(EventId = 2, EventName = "BatchStarted", Level = LogLevel.Information, Message = "batch {Batch} started")]
    private static partial void LogBatchStarted(ILogger logger, int batch);

    [LoggerMessage(EventId = 3, EventName = "BatchDone", Level = LogLevel.Information, Message = "batch {Batch} done: {Count} images; service pid {ServicePid}")]
    private static partial void LogBatchDone(ILogger logger, int batch, int count, int servicePid);
}
