namespace Ordering.Infrastructure.Inbox;

public sealed class InboxMessage
{
    public Guid Id { get; init; }
    public string Type { get; init; } = "";
    public string Body { get; init; } = "";
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

public interface IInboxStore
{
    Task<IReadOnlyList<InboxMessage>> TakeUnprocessedAsync(int max, CancellationToken cancellationToken);
    Task CompleteAsync(IReadOnlyCollection<Guid> processed, IReadOnlyCollection<InboxMessage> failed, CancellationToken cancellationToken);
}

public interface IInboxHandler
{
    Task HandleAsync(InboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Processes messages that were received from the broker and stored in the inbox table.
/// Messages in a batch are handled concurrently; the outcome of each one is collected once
/// all of them have finished.
/// </summary>
public sealed class InboxProcessor
{
    private readonly IInboxStore _store;
    private readonly IInboxHandler _handler;

    public InboxProcessor(IInboxStore store, IInboxHandler handler)
    {
        _store = store;
        _handler = handler;
    }

    public async Task<(int Processed, int Failed)> ProcessBatchAsync(int max, CancellationToken cancellationToken)
    {
        var batch = await _store.TakeUnprocessedAsync(max, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return (0, 0);
        }

        var outcomes = await Task.WhenAll(batch.Select(m => HandleOneAsync(m, cancellationToken))).ConfigureAwait(false);

        var processed = new List<Guid>();
        var failed = new List<InboxMessage>();
        foreach (var (message, error) in outcomes)
        {
            if (error is null)
            {
                processed.Add(message.Id);
            }
            else
            {
                message.Attempts++;
                message.LastError = error.Message;
                failed.Add(message);
            }
        }

        await _store.CompleteAsync(processed, failed, cancellationToken).ConfigureAwait(false);
        return (processed.Count, failed.Count);
    }

    private async Task<(InboxMessage Message, Exception? Error)> HandleOneAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            return (message, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (message, ex);
        }
    }
}
