using System.Collections.Concurrent;

namespace Blind2.R08;

public sealed record OutboxMessage(Guid Id, string Topic, byte[] Payload, int Attempts);

public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> FetchPendingAsync(int max, CancellationToken ct);
    Task MarkPublishedAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);
    Task MarkFailedAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);
}

public interface IMessageTransport
{
    Task PublishAsync(string topic, byte[] payload, CancellationToken ct);
}

/// <summary>
/// Background worker for the transactional outbox: reads pending rows,
/// publishes them to the broker and records the outcome.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly IOutboxStore _store;
    private readonly IMessageTransport _transport;
    private readonly int _batchSize;
    private readonly TimeSpan _idleDelay;

    public OutboxDispatcher(IOutboxStore store, IMessageTransport transport, int batchSize = 50, TimeSpan? idleDelay = null)
    {
        _store = store;
        _transport = transport;
        _batchSize = batchSize;
        _idleDelay = idleDelay ?? TimeSpan.FromSeconds(2);
    }

    public async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await _store.FetchPendingAsync(_batchSize, stoppingToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                await Task.Delay(_idleDelay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            await DispatchBatchAsync(batch, stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task DispatchBatchAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        var published = new ConcurrentBag<Guid>();
        var failed = new List<Guid>();

        await Task.WhenAll(batch.Select(m => PublishOneAsync(m, published, failed, ct))).ConfigureAwait(false);

        if (!published.IsEmpty)
            await _store.MarkPublishedAsync(published.ToArray(), ct).ConfigureAwait(false);
        if (failed.Count > 0)
            await _store.MarkFailedAsync(failed, ct).ConfigureAwait(false);
    }

    private async Task PublishOneAsync(OutboxMessage message, ConcurrentBag<Guid> published, List<Guid> failed, CancellationToken ct)
    {
        try
        {
            await _transport.PublishAsync(message.Topic, message.Payload, ct).ConfigureAwait(false);
            published.Add(message.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"Outbox message {message.Id} (attempt {message.Attempts + 1}) failed: {ex.Message}");
            failed.Add(message.Id);
        }
    }
}
