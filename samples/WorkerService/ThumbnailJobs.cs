using Forklift;

namespace WorkerService;

/// <summary>Works through a batch of jobs in the "images" pool, then asks the host to stop (a real service would
/// loop on a queue until the host stops it).</summary>
public sealed partial class ThumbnailJobs(
    [FromKeyedServices("images")] IWorkerPool images,
    IHostApplicationLifetime lifetime,
    ILogger<ThumbnailJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int[] imageIds = Enumerable.Range(1, 6).ToArray();
        await foreach ((int index, (long checksum, int workerPid)) in Thumbnails.RenderUnorderedAsync(images, imageIds.Select(id => (id, 300)), stoppingToken))
        {
            LogRendered(logger, imageIds[index], checksum, workerPid);
        }

        LogBatchDone(logger, imageIds.Length, Environment.ProcessId);
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 1, EventName = "ImageRendered", Level = LogLevel.Information, Message = "image {ImageId}: checksum {Checksum} (worker {WorkerPid})")]
    private static partial void LogRendered(ILogger logger, int imageId, long checksum, int workerPid);

    [LoggerMessage(EventId = 2, EventName = "BatchDone", Level = LogLevel.Information, Message = "batch done: {Count} images; service pid {ServicePid}")]
    private static partial void LogBatchDone(ILogger logger, int count, int servicePid);
}
