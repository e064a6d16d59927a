namespace Blind4.Outbox.Dispatching;

public sealed record OutboxMessage(Guid Id, string MessageType, string Payload, DateTime CreatedUtc);

public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> GetPendingAsync(int maxCount, CancellationToken cancellationToken);

    Task MarkDispatchedAsync(Guid id, CancellationToken cancellationToken);
}

public interface IMessagePublisher
{
    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Polls the outbox table and pushes pending messages to the broker.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    private readonly IOutboxStore _store;
    private readonly IMessagePublisher _publisher;
    private readonly Action<Exception> _onError;
    private readonly TimeSpan _pollInterval;
    private readonly int _batchSize;
    private readonly HashSet<Guid> _inFlight = new();
    private readonly CancellationTokenSource _stopping = new();
    private Timer? _timer;

    public OutboxDispatcher(IOutboxStore store, IMessagePublisher publisher, Action<Exception> onError,
        TimeSpan pollInterval, int batchSize = 50)
    {
        _store = store;
        _publisher = publisher;
        _onError = onError;
        _pollInterval = pollInterval;
        _batchSize = batchSize;
    }

    public void Start()
    {
        _timer = new Timer(OnTick, null, TimeSpan.Zero, _pollInterval);
    }

    private async void OnTick(object? state)
    {
        try
        {
            await DispatchPendingAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _onError(ex);
        }
    }

    private async Task DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await _store.GetPendingAsync(_batchSize, cancellationToken).ConfigureAwait(false);
        foreach (var message in pending)
        {
            // Skip messages that are already being published.
            if (!_inFlight.Add(message.Id))
            {
                continue;
            }

            try
            {
                await _publisher.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                await _store.MarkDispatchedAsync(message.Id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _inFlight.Remove(message.Id);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _timer?.Dispose();
    }
}
