namespace Inventory.Messaging;

public sealed record InboxMessage(Guid Id, string Type, string Body);

public interface IInboxRepository
{
    Task<IReadOnlyList<InboxMessage>> ClaimBatchAsync(int size, CancellationToken ct);
    Task CompleteAsync(Guid id, CancellationToken ct);
}

public interface IInboxHandler
{
    Task HandleAsync(InboxMessage message, CancellationToken ct);
}

/// <summary>
/// Processes messages stored in the inbox table on a fixed interval. The
/// liveness probe on the admin port asks <see cref="IsAlive"/>.
/// </summary>
public sealed class InboxProcessor : IAsyncDisposable
{
    private readonly IInboxRepository _repository;
    private readonly IInboxHandler _handler;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private int _busy;
    private long _lastCompletedTicks = DateTime.UtcNow.Ticks;
    private long _processedTotal;

    public InboxProcessor(IInboxRepository repository, IInboxHandler handler, TimeSpan interval)
    {
        _repository = repository;
        _handler = handler;
        _timer = new Timer(OnTimer, null, interval, interval);
    }

    public long ProcessedTotal => Interlocked.Read(ref _processedTotal);

    private async void OnTimer(object? state)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var batch = await _repository.ClaimBatchAsync(50, _stopping.Token).ConfigureAwait(false);
            foreach (var message in batch)
            {
                await _handler.HandleAsync(message, _stopping.Token).ConfigureAwait(false);
                await _repository.CompleteAsync(message.Id, _stopping.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _processedTotal);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Inbox batch failed: {ex}");
        }
        finally
        {
            Interlocked.Exchange(ref _lastCompletedTicks, DateTime.UtcNow.Ticks);
            Volatile.Write(ref _busy, 0);
        }
    }

    public bool IsAlive(TimeSpan tolerance)
    {
        var last = new DateTime(Interlocked.Read(ref _lastCompletedTicks), DateTimeKind.Utc);
        return DateTime.UtcNow - last <= tolerance;
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _timer.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
