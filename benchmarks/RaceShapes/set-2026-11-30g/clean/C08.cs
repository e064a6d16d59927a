namespace Billing.Outbox.Relay;

public sealed record PendingEvent(long Id, string Topic, string Body);

public interface IPendingEventStore
{
    Task<IReadOnlyList<PendingEvent>> TakeBatchAsync(int size, CancellationToken ct);
    Task AcknowledgeAsync(IEnumerable<long> ids, CancellationToken ct);
}

public interface IEventPublisher
{
    Task PublishAsync(string topic, string body, CancellationToken ct);
}

/// <summary>
/// Moves committed events from the outbox table to the message bus in batches.
/// </summary>
public sealed class OutboxRelay
{
    private readonly IPendingEventStore _store;
    private readonly IEventPublisher _publisher;
    private readonly int _batchSize;
    private int _inFlight;
    private long _totalPublished;

    public OutboxRelay(IPendingEventStore store, IEventPublisher publisher, int batchSize = 100)
    {
        _store = store;
        _publisher = publisher;
        _batchSize = batchSize;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public long TotalPublished => Interlocked.Read(ref _totalPublished);

    public async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await _store.TakeBatchAsync(_batchSize, stoppingToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                continue;
            }

            var outcomes = await Task.WhenAll(batch.Select(e => PublishOneAsync(e, stoppingToken))).ConfigureAwait(false);

            var delivered = new List<long>(outcomes.Length);
            for (int i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i])
                    delivered.Add(batch[i].Id);
            }

            if (delivered.Count > 0)
                await _store.AcknowledgeAsync(delivered, stoppingToken).ConfigureAwait(false);

            Interlocked.Add(ref _totalPublished, delivered.Count);
        }
    }

    private async Task<bool> PublishOneAsync(PendingEvent pending, CancellationToken ct)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await _publisher.PublishAsync(pending.Topic, pending.Body, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"Publishing event {pending.Id} to {pending.Topic} failed: {ex.Message}");
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
