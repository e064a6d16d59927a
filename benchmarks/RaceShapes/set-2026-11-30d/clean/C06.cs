namespace Blind4.Clean.Outbox.Dispatching;

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
    private readonly HashSet<Guid> _recentlyPublished = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Timer _timer;
    private int _started;

    public OutboxDispatcher(IOutboxStore store, IMessagePublisher publisher, Action<Exception> onError,
        TimeSpan pollInterval, int batchSize = 50)
    {
        _store = store;
        _publisher = publisher;
        _onError = onError;
        _pollInterval = pollInterval;
        _batchSize = batchSize;
        _timer = new Timer(OnTick, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async void OnTick(object? state)
    {
        try
        {
            await DispatchPendingAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            _onError(ex);
        }

        // Re-arm for the next poll.
        if (!_stopping.IsCancellationRequested)
        {
            try
            {
                _timer.Change(_pollInterval, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await _store.GetPendingAsync(_batchSize, cancellationToken).ConfigureAwait(false);
        if (_recentlyPublished.Count > 10 * _batchSize)
        {
            _recentlyPublished.Clear();
        }

        foreach (var message in pending)
        {
            // A read replica can still report a message we published a moment ago.
            if (_recentlyPublished.Contains(message.Id))
            {
                continue;
            }

            await _publisher.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            _recentlyPublished.Add(message.Id);
            await _store.MarkDispatchedAsync(message.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _timer.Dispose();
    }
}
