namespace Blind10.Outbox.Relay;

public sealed record PendingMessage(long Sequence, string Destination, string Body);

public sealed record PublishOutcome(long Sequence, string? Error);

public interface IPendingMessageStore
{
    Task<IReadOnlyList<PendingMessage>> TakeBatchAsync(int size, CancellationToken ct);
    Task AcknowledgeAsync(IReadOnlyList<long> sequences, CancellationToken ct);
    Task ReleaseAsync(IReadOnlyList<(long Sequence, string Error)> failed, CancellationToken ct);
}

public interface IBrokerClient
{
    Task SendAsync(string destination, string body, CancellationToken ct);
}

/// <summary>
/// Relays messages from the transactional outbox to the broker, one batch at a time.
/// </summary>
public sealed class OutboxRelay
{
    private readonly IPendingMessageStore _store;
    private readonly IBrokerClient _broker;
    private readonly int _batchSize;

    public OutboxRelay(IPendingMessageStore store, IBrokerClient broker, int batchSize = 100)
    {
        _store = store;
        _broker = broker;
        _batchSize = batchSize;
    }

    public async Task<(int Sent, int Failed)> RelayOnceAsync(CancellationToken ct)
    {
        var batch = await _store.TakeBatchAsync(_batchSize, ct).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return (0, 0);
        }

        PublishOutcome[] outcomes = await Task.WhenAll(batch.Select(m => PublishAsync(m, ct))).ConfigureAwait(false);

        var sent = new List<long>();
        var failed = new List<(long, string)>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Error is null)
            {
                sent.Add(outcome.Sequence);
            }
            else
            {
                failed.Add((outcome.Sequence, outcome.Error));
            }
        }

        if (sent.Count > 0)
        {
            await _store.AcknowledgeAsync(sent, ct).ConfigureAwait(false);
        }
        if (failed.Count > 0)
        {
            await _store.ReleaseAsync(failed, ct).ConfigureAwait(false);
        }

        return (sent.Count, failed.Count);
    }

    private async Task<PublishOutcome> PublishAsync(PendingMessage message, CancellationToken ct)
    {
        try
        {
            await _broker.SendAsync(message.Destination, message.Body, ct).ConfigureAwait(false);
            return new PublishOutcome(message.Sequence, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new PublishOutcome(message.Sequence, ex.GetType().Name + ": " + ex.Message);
        }
    }
}
