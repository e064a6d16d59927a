namespace Billing.Outbox;

public sealed record OutboxMessage(Guid Id, string Topic, string Payload, int Attempts);

public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> FetchPendingAsync(int maxCount, CancellationToken cancellationToken);
    Task MarkSentAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
    Task MarkFailedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}

public interface IMessagePublisher
{
    Task PublishAsync(string topic, string payload, CancellationToken cancellationToken);
}

/// <summary>
/// Reads pending rows from the outbox table and publishes them to the broker.
/// Invoked in a loop by the outbox background service.
/// </summary>
public sealed class OutboxDispatcher
{
    private const int BatchSize = 50;

    private readonly IOutboxStore _store;
    private readonly IMessagePublisher _publisher;

    public OutboxDispatcher(IOutboxStore store, IMessagePublisher publisher)
    {
        _store = store;
        _publisher = publisher;
    }

    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await _store.FetchPendingAsync(BatchSize, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }

        var sent = new Guid[batch.Count];
        var failed = new List<Guid>();

        await Task.WhenAll(batch.Select((message, index) =>
            PublishOneAsync(message, index, sent, failed, cancellationToken))).ConfigureAwait(false);

        var sentIds = sent.Where(id => id != Guid.Empty).ToArray();
        if (sentIds.Length > 0)
        {
            await _store.MarkSentAsync(sentIds, cancellationToken).ConfigureAwait(false);
        }

        if (failed.Count > 0)
        {
            await _store.MarkFailedAsync(failed, cancellationToken).ConfigureAwait(false);
        }

        return sentIds.Length;
    }

    private async Task PublishOneAsync(
        OutboxMessage message,
        int index,
        Guid[] sent,
        List<Guid> failed,
        CancellationToken cancellationToken)
    {
        try
        {
            await _publisher.PublishAsync(message.Topic, message.Payload, cancellationToken).ConfigureAwait(false);
            sent[index] = message.Id;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failed.Add(message.Id);
            Console.Error.WriteLine(
                $"Outbox message {message.Id} to '{message.Topic}' failed (attempt {message.Attempts + 1}): {ex.Message}");
        }
    }
}
