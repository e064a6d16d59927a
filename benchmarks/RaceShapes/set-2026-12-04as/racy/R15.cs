using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind45.Regatta.ResultsOutbox;

public sealed record OutboxMessage(long Id, string RaceId, string Topic, string PayloadJson);

public interface IResultsOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> FetchAfterAsync(long afterId, int max, CancellationToken ct);
    Task MarkPublishedAsync(long id, CancellationToken ct);
}

public interface IResultsPublisher
{
    Task PublishAsync(string topic, string payloadJson, CancellationToken ct);
}

/// <summary>
/// Publishes finishing times and penalty decisions written by the race committee to the
/// public results feed. Messages are picked up from the outbox table every two seconds
/// and published a few at a time.
/// </summary>
public sealed class ResultsOutboxProcessor : BackgroundService
{
    private readonly IResultsOutboxStore _store;
    private readonly IResultsPublisher _publisher;
    private readonly ILogger<ResultsOutboxProcessor> _logger;
    private long _highWaterMark;

    public ResultsOutboxProcessor(IResultsOutboxStore store, IResultsPublisher publisher, ILogger<ResultsOutboxProcessor> logger)
    {
        _store = store;
        _publisher = publisher;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken };

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            IReadOnlyList<OutboxMessage> batch;
            try
            {
                batch = await _store.FetchAfterAsync(_highWaterMark, 50, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Outbox fetch failed; retrying on next tick");
                continue;
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await Parallel.ForEachAsync(batch, options, async (message, ct) =>
            {
                try
                {
                    await _publisher.PublishAsync(message.Topic, message.PayloadJson, ct);
                    await _store.MarkPublishedAsync(message.Id, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Publishing outbox message {Id} for race {Race} failed", message.Id, message.RaceId);
                    return;
                }

                if (message.Id > _highWaterMark)
                {
                    _highWaterMark = message.Id;
                }
            });

            _logger.LogDebug("Outbox drained up to {Id}", _highWaterMark);
        }
    }
}
