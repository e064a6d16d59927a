using System.Collections.Concurrent;

namespace Blind10.Outbox.Dispatch;

public sealed record OutboxMessage(Guid Id, string Topic, byte[] Payload, int Attempts);

public sealed record OutboxFailure(Guid MessageId, string Error);

public sealed record DispatchResult(int Published, int Failed);

public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int batchSize, CancellationToken ct);
    Task MarkPublishedAsync(IReadOnlyCollection<Guid> messageIds, CancellationToken ct);
    Task RecordFailuresAsync(IReadOnlyCollection<OutboxFailure> failures, CancellationToken ct);
}

public interface IMessagePublisher
{
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken ct);
}

/// <summary>
/// Moves messages that were written to the outbox table (in the same transaction as the
/// business data) onto the message broker.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly IOutboxStore _store;
    private readonly IMessagePublisher _publisher;
    private readonly int _batchSize;

    public OutboxDispatcher(IOutboxStore store, IMessagePublisher publisher, int batchSize = 50)
    {
        _store = store;
        _publisher = publisher;
        _batchSize = batchSize;
    }

    public async Task RunAsync(TimeSpan pollInterval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(pollInterval);
        while (!ct.IsCancellationRequested)
        {
            var result = await DispatchPendingAsync(ct).ConfigureAwait(false);
            if (result.Published + result.Failed < _batchSize)
            {
                await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
            }
        }
    }

    public async Task<DispatchResult> DispatchPendingAsync(CancellationToken ct)
    {
        var pending = await _store.GetPendingAsync(_batchSize, ct).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return new DispatchResult(0, 0);
        }

        var published = new ConcurrentBag<Guid>();
        var failures = new List<OutboxFailure>();

        async Task PublishOneAsync(OutboxMessage message)
        {
            try
            {
                await _publisher.PublishAsync(message.Topic, message.Payload, ct).ConfigureAwait(false);
                published.Add(message.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add(new OutboxFailure(message.Id, ex.Message));
            }
        }

        await Task.WhenAll(pending.Select(PublishOneAsync)).ConfigureAwait(false);

        if (!published.IsEmpty)
        {
            await _store.MarkPublishedAsync(published.ToArray(), ct).ConfigureAwait(false);
        }
        if (failures.Count > 0)
        {
            await _store.RecordFailuresAsync(failures, ct).ConfigureAwait(false);
        }

        return new DispatchResult(published.Count, failures.Count);
    }
}
