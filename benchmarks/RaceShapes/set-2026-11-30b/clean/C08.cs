namespace Blind2.C08;

public sealed record OutboxRow(long Id, string Destination, string Body);

public interface IOutboxRepository
{
    Task<IReadOnlyList<OutboxRow>> ClaimBatchAsync(int size, CancellationToken ct);
    Task CompleteAsync(IReadOnlyCollection<long> ids, CancellationToken ct);
    Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken ct);
}

public interface IBusPublisher
{
    Task SendAsync(string destination, string body, CancellationToken ct);
}

/// <summary>
/// Publishes claimed outbox rows concurrently and then records the outcome of
/// the whole batch in one round trip per status.
/// </summary>
public sealed class OutboxPublisher
{
    private readonly IOutboxRepository _repository;
    private readonly IBusPublisher _bus;

    public OutboxPublisher(IOutboxRepository repository, IBusPublisher bus)
    {
        _repository = repository;
        _bus = bus;
    }

    public async Task<int> PublishPendingAsync(int batchSize, CancellationToken ct)
    {
        var rows = await _repository.ClaimBatchAsync(batchSize, ct).ConfigureAwait(false);
        if (rows.Count == 0)
            return 0;

        var outcomes = await Task.WhenAll(rows.Select(row => PublishOneAsync(row, ct))).ConfigureAwait(false);

        var completed = new List<long>();
        var released = new List<long>();
        foreach (var outcome in outcomes)
        {
            if (outcome.Succeeded)
                completed.Add(outcome.Id);
            else
                released.Add(outcome.Id);
        }

        if (completed.Count > 0)
            await _repository.CompleteAsync(completed, ct).ConfigureAwait(false);
        if (released.Count > 0)
            await _repository.ReleaseAsync(released, ct).ConfigureAwait(false);

        return completed.Count;
    }

    private async Task<PublishOutcome> PublishOneAsync(OutboxRow row, CancellationToken ct)
    {
        try
        {
            await _bus.SendAsync(row.Destination, row.Body, ct).ConfigureAwait(false);
            return new PublishOutcome(row.Id, true, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new PublishOutcome(row.Id, false, ex.Message);
        }
    }

    private readonly record struct PublishOutcome(long Id, bool Succeeded, string? Error);
}
