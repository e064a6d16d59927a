namespace Blind8.Messaging.Inbox;

public sealed record InboxMessage(long Sequence, string MessageType, string Body);

public interface IInboxRepository
{
    Task<IReadOnlyList<InboxMessage>> ReadAfterAsync(long sequence, int max, CancellationToken ct);
    Task SaveCheckpointAsync(long sequence, CancellationToken ct);
}

public interface IInboxMessageHandler
{
    Task HandleAsync(InboxMessage message, CancellationToken ct);
}

/// <summary>
/// Background service that processes stored inbox messages in sequence order.
/// It polls on a schedule, and webhook endpoints can also call
/// <see cref="TriggerAsync"/> to process new messages right away.
/// </summary>
public sealed class InboxProcessor
{
    private readonly IInboxRepository _repository;
    private readonly IInboxMessageHandler _handler;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Only touched while _gate is held.
    private long _checkpoint;
    private int _batchesSinceCheckpoint;

    public InboxProcessor(IInboxRepository repository, IInboxMessageHandler handler, long startAfter)
    {
        _repository = repository;
        _handler = handler;
        _checkpoint = startAfter;
    }

    public async Task RunAsync(TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(pollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await TriggerAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Processes pending messages unless a pass is already running.</summary>
    public async Task<bool> TriggerAsync(CancellationToken ct)
    {
        if (!await _gate.WaitAsync(0, ct).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            await ProcessPendingAsync(ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ProcessPendingAsync(CancellationToken ct)
    {
        while (true)
        {
            var batch = await _repository.ReadAfterAsync(_checkpoint, 50, ct).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var message in batch)
            {
                await _handler.HandleAsync(message, ct).ConfigureAwait(false);
                _checkpoint = message.Sequence;
            }

            if (++_batchesSinceCheckpoint >= 5 || batch.Count < 50)
            {
                await _repository.SaveCheckpointAsync(_checkpoint, ct).ConfigureAwait(false);
                _batchesSinceCheckpoint = 0;
            }
        }
    }
}
