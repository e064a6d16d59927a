namespace Blind8.Messaging.Outbox;

public sealed record OutboxMessage(long Id, string Destination, string Body, int Attempts);

public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> FetchPendingAsync(int batchSize, CancellationToken ct);
    Task MarkDispatchedAsync(long id, CancellationToken ct);
    Task MarkFailedAsync(long id, string error, CancellationToken ct);
}

public interface IMessageBus
{
    Task PublishAsync(string destination, string body, CancellationToken ct);
}

/// <summary>
/// Periodically moves messages written to the outbox table (in the same
/// transaction as the business change) onto the message bus.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    private readonly IOutboxStore _store;
    private readonly IMessageBus _bus;
    private readonly Timer _timer;
    private readonly int _batchSize;
    private bool _isDispatching;

    public OutboxDispatcher(IOutboxStore store, IMessageBus bus, TimeSpan pollInterval, int batchSize = 100)
    {
        _store = store;
        _bus = bus;
        _batchSize = batchSize;
        _timer = new Timer(OnTimerTick, null, pollInterval, pollInterval);
    }

    private async void OnTimerTick(object? state)
    {
        if (_isDispatching)
        {
            return; // previous batch still going
        }

        _isDispatching = true;
        try
        {
            await DispatchPendingAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Outbox dispatch failed: {ex}");
        }
        finally
        {
            _isDispatching = false;
        }
    }

    private async Task DispatchPendingAsync(CancellationToken ct)
    {
        var batch = await _store.FetchPendingAsync(_batchSize, ct).ConfigureAwait(false);
        foreach (var message in batch)
        {
            try
            {
                await _bus.PublishAsync(message.Destination, message.Body, ct).ConfigureAwait(false);
                await _store.MarkDispatchedAsync(message.Id, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await _store.MarkFailedAsync(message.Id, ex.Message, ct).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
