namespace Billing.Outbox;

public sealed record OutboxMessage(long Id, string Topic, string Body, DateTimeOffset CreatedUtc);

public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> FetchPendingAsync(int batchSize, CancellationToken ct);
    Task MarkDispatchedAsync(long id, CancellationToken ct);
}

public interface IMessageBroker
{
    Task PublishAsync(string topic, string body, CancellationToken ct);
}

/// <summary>
/// Background worker that relays rows from the transactional outbox table to the broker.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly IOutboxStore _store;
    private readonly IMessageBroker _broker;
    private readonly int _batchSize;
    private readonly TimeSpan _idleDelay;
    private int _attemptsSinceLastLog;
    private DateTimeOffset _lastLogUtc = DateTimeOffset.UtcNow;

    public OutboxDispatcher(IOutboxStore store, IMessageBroker broker, int batchSize = 50, TimeSpan? idleDelay = null)
    {
        _store = store;
        _broker = broker;
        _batchSize = batchSize;
        _idleDelay = idleDelay ?? TimeSpan.FromSeconds(2);
    }

    public async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = await _store.FetchPendingAsync(_batchSize, stoppingToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                await Task.Delay(_idleDelay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var results = await Task.WhenAll(batch.Select(m => DispatchAsync(m, stoppingToken))).ConfigureAwait(false);

            int failed = results.Count(ok => !ok);
            if (failed > 0)
                await Task.Delay(_idleDelay, stoppingToken).ConfigureAwait(false);

            LogProgressIfDue();
        }
    }

    private async Task<bool> DispatchAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            await _broker.PublishAsync(message.Topic, message.Body, ct).ConfigureAwait(false);
            await _store.MarkDispatchedAsync(message.Id, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"Outbox message {message.Id} ({message.Topic}) failed: {ex.Message}");
            return false;
        }
        finally
        {
            _attemptsSinceLastLog++;
        }
    }

    private void LogProgressIfDue()
    {
        var now = DateTimeOffset.UtcNow;
        if (now - _lastLogUtc < TimeSpan.FromMinutes(1))
            return;

        Console.WriteLine($"Outbox: {_attemptsSinceLastLog} dispatch attempts since {_lastLogUtc:u}");
        _attemptsSinceLastLog = 0;
        _lastLogUtc = now;
    }
}
