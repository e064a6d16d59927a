namespace Contoso.Outbox.Relay
{
    public sealed record PendingEvent(long Sequence, string Stream, string Json);

    public interface IEventStore
    {
        Task<IReadOnlyList<PendingEvent>> FetchUnpublishedAsync(int max, CancellationToken cancellationToken);
        Task AcknowledgeAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);
        Task ScheduleRetryAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);
    }

    public interface IEventPublisher
    {
        Task PublishAsync(string stream, string json, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Relays unpublished events from the store to the broker. Each event in a
    /// batch is published concurrently and reports its own outcome; the outcomes
    /// are folded together once the whole batch has finished.
    /// </summary>
    public sealed class OutboxRelay
    {
        private readonly IEventStore _store;
        private readonly IEventPublisher _publisher;
        private readonly int _batchSize;

        public OutboxRelay(IEventStore store, IEventPublisher publisher, int batchSize = 200)
        {
            _store = store;
            _publisher = publisher;
            _batchSize = batchSize;
        }

        public async Task<(int Published, int Failed)> RelayOnceAsync(CancellationToken cancellationToken)
        {
            var batch = await _store.FetchUnpublishedAsync(_batchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return (0, 0);
            }

            var outcomes = await Task.WhenAll(batch.Select(e => TryPublishAsync(e, cancellationToken))).ConfigureAwait(false);

            var published = new List<long>(outcomes.Length);
            var failed = new List<long>();
            foreach (var (sequence, ok) in outcomes)
            {
                (ok ? published : failed).Add(sequence);
            }

            if (published.Count > 0)
            {
                await _store.AcknowledgeAsync(published, cancellationToken).ConfigureAwait(false);
            }
            if (failed.Count > 0)
            {
                await _store.ScheduleRetryAsync(failed, cancellationToken).ConfigureAwait(false);
            }
            return (published.Count, failed.Count);
        }

        private async Task<(long Sequence, bool Ok)> TryPublishAsync(PendingEvent e, CancellationToken cancellationToken)
        {
            try
            {
                await _publisher.PublishAsync(e.Stream, e.Json, cancellationToken).ConfigureAwait(false);
                return (e.Sequence, true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                System.Diagnostics.Trace.TraceError("Relay of event {0} to {1} failed: {2}", e.Sequence, e.Stream, ex.Message);
                return (e.Sequence, false);
            }
        }
    }
}
