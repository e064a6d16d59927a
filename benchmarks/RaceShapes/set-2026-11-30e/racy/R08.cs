using System.Collections.Concurrent;

namespace Ordering.Infrastructure.Outbox;

public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public string Topic { get; init; } = "";
    public byte[] Payload { get; init; } = Array.Empty<byte>();
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int batchSize, CancellationToken cancellationToken);
    Task MarkPublishedAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
    Task SaveFailuresAsync(IReadOnlyCollection<OutboxMessage> failed, CancellationToken cancellationToken);
}

public interface IMessageBus
{
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}

public sealed record DispatchResult(int Published, int Failed);

/// <summary>
/// Publishes messages that were written to the outbox table in the same transaction as the
/// business data. Invoked by the outbox background worker every few seconds.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly IOutboxStore _store;
    private readonly IMessageBus _bus;

    public OutboxDispatcher(IOutboxStore store, IMessageBus bus)
    {
        _store = store;
        _bus = bus;
    }

    public async Task<DispatchResult> DispatchPendingAsync(int batchSize, CancellationToken cancellationToken)
    {
        var pending = await _store.GetPendingAsync(batchSize, cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return new DispatchResult(0, 0);
        }

        var published = new ConcurrentBag<Guid>();
        var failed = new List<OutboxMessage>();

        await Task.WhenAll(pending.Select(async message =>
        {
            try
            {
                await _bus.PublishAsync(message.Topic, message.Payload, cancellationToken).ConfigureAwait(false);
                published.Add(message.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = ex.Message;
                failed.Add(message);
            }
        })).ConfigureAwait(false);

        if (!published.IsEmpty)
        {
            await _store.MarkPublishedAsync(published.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        if (failed.Count > 0)
        {
            await _store.SaveFailuresAsync(failed, cancellationToken).ConfigureAwait(false);
        }

        return new DispatchResult(published.Count, failed.Count);
    }
}
