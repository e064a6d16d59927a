namespace Blind.C26;

public interface IOutboxStore
{
    IReadOnlyList<(long Id, string Payload)> FetchPending(int max);

    void MarkSent(long id);
}

public interface IMessagePublisher
{
    bool TryPublish(string payload);
}

/// <summary>
/// Relays rows from the transactional outbox table to the message broker. The
/// polling timer is re-armed only after each pass has finished.
/// </summary>
public sealed class OutboxRelay : IDisposable
{
    private readonly IOutboxStore _store;
    private readonly IMessagePublisher _publisher;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private readonly HashSet<long> _poisonIds = new();
    private readonly Dictionary<long, int> _attempts = new();
    private volatile bool _disposed;
    private long _relayed;

    public OutboxRelay(IOutboxStore store, IMessagePublisher publisher, TimeSpan interval)
    {
        _store = store;
        _publisher = publisher;
        _interval = interval;
        _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(interval, Timeout.InfiniteTimeSpan);
    }

    public long Relayed => Interlocked.Read(ref _relayed);

    private void OnTimer(object? state)
    {
        try
        {
            foreach (var (id, payload) in _store.FetchPending(100))
            {
                if (_poisonIds.Contains(id))
                {
                    continue;
                }

                if (_publisher.TryPublish(payload))
                {
                    _store.MarkSent(id);
                    _attempts.Remove(id);
                    Interlocked.Increment(ref _relayed);
                }
                else if ((_attempts[id] = _attempts.GetValueOrDefault(id) + 1) >= 5)
                {
                    _poisonIds.Add(id);
                    _attempts.Remove(id);
                }
            }
        }
        finally
        {
            if (!_disposed)
            {
                try
                {
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
