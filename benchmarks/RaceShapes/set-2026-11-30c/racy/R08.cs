namespace Contoso.Outbox
{
    public sealed record OutboxMessage(Guid Id, string Topic, string Payload, DateTime CreatedUtc);

    public interface IOutboxStore
    {
        Task<IReadOnlyList<OutboxMessage>> LoadPendingAsync(int batchSize, CancellationToken cancellationToken);
        Task MarkDispatchedAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken);
        Task MarkFailedAsync(IEnumerable<Guid> ids, string reason, CancellationToken cancellationToken);
    }

    public interface IMessageBus
    {
        Task PublishAsync(string topic, string payload, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Publishes pending outbox rows to the bus. Messages in a batch are
    /// published concurrently; the store is updated once per batch.
    /// </summary>
    public sealed class OutboxDispatcher
    {
        private readonly IOutboxStore _store;
        private readonly IMessageBus _bus;
        private readonly int _batchSize;

        public OutboxDispatcher(IOutboxStore store, IMessageBus bus, int batchSize = 100)
        {
            _store = store;
            _bus = bus;
            _batchSize = batchSize;
        }

        public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
        {
            var pending = await _store.LoadPendingAsync(_batchSize, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
            {
                return 0;
            }

            var failed = new List<Guid>();
            await Task.WhenAll(pending.Select(m => PublishOneAsync(m, failed, cancellationToken))).ConfigureAwait(false);

            var failedSet = failed.ToHashSet();
            var dispatched = pending.Where(m => !failedSet.Contains(m.Id)).Select(m => m.Id).ToList();

            if (dispatched.Count > 0)
            {
                await _store.MarkDispatchedAsync(dispatched, cancellationToken).ConfigureAwait(false);
            }
            if (failed.Count > 0)
            {
                await _store.MarkFailedAsync(failed, "publish failed", cancellationToken).ConfigureAwait(false);
            }
            return dispatched.Count;
        }

        private async Task PublishOneAsync(OutboxMessage message, List<Guid> failed, CancellationToken cancellationToken)
        {
            try
            {
                await _bus.PublishAsync(message.Topic, message.Payload, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                System.Diagnostics.Trace.TraceError("Outbox message {0} on {1} failed: {2}", message.Id, message.Topic, ex.Message);
                failed.Add(message.Id);
            }
        }
    }
}
