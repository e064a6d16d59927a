namespace Shipping.Outbox;

public sealed record OutboxRecord(Guid Id, string Topic, byte[] Body);

public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxRecord>> FetchPendingAsync(int max, CancellationToken ct);
    Task MarkDispatchedAsync(Guid id, CancellationToken ct);
}

public interface IMessagePublisher
{
    Task PublishAsync(string topic, byte[] body, CancellationToken ct);
}

public enum HealthStatus { Healthy, Degraded, Unhealthy }

/// <summary>
/// Polls the outbox table and forwards pending records to the broker.
/// Also reports its own liveness to the /health endpoint.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    private readonly IOutboxStore _store;
    private readonly IMessagePublisher _publisher;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _shutdown = new();
    private int _running;
    private DateTime _lastPollCompletedUtc = DateTime.UtcNow;

    public OutboxDispatcher(IOutboxStore store, IMessagePublisher publisher, TimeSpan interval)
    {
        _store = store;
        _publisher = publisher;
        _timer = new Timer(_ => _ = PollAsync(), null, interval, interval);
    }

    private async Task PollAsync()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            var batch = await _store.FetchPendingAsync(100, _shutdown.Token).ConfigureAwait(false);
            foreach (var record in batch)
            {
                await _publisher.PublishAsync(record.Topic, record.Body, _shutdown.Token).ConfigureAwait(false);
                await _store.MarkDispatchedAsync(record.Id, _shutdown.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"Outbox poll failed: {ex}");
        }
        finally
        {
            _lastPollCompletedUtc = DateTime.UtcNow;
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Called by the health check middleware on request threads.</summary>
    public HealthStatus CheckHealth(TimeSpan maxStaleness)
    {
        var age = DateTime.UtcNow - _lastPollCompletedUtc;
        if (age <= maxStaleness)
        {
            return HealthStatus.Healthy;
        }

        return age <= maxStaleness * 3 ? HealthStatus.Degraded : HealthStatus.Unhealthy;
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        _timer.Dispose();
        _shutdown.Dispose();
    }
}
