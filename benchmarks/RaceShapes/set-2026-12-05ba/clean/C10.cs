namespace Blind53.TeaAuctions.Messaging;

public sealed record LotMessage(Guid MessageId, string LotNumber, string Body);

/// <summary>
/// Suppresses duplicate lot messages redelivered by the broker within a time window.
/// Shared by all consumer threads of the catalogue feed.
/// </summary>
public sealed class LotMessageDeduplicator : IDisposable
{
    private readonly object _gate = new();
    private readonly HashSet<Guid> _seen = new();
    private readonly Queue<(Guid Id, DateTime SeenAtUtc)> _order = new();
    private readonly TimeSpan _window;
    private readonly Timer _pruneTimer;
    private long _duplicates;

    public LotMessageDeduplicator(TimeSpan window)
    {
        _window = window;
        _pruneTimer = new Timer(_ => Prune(DateTime.UtcNow), null, window, window);
    }

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public bool TryAccept(LotMessage message, DateTime nowUtc)
    {
        lock (_gate)
        {
            if (!_seen.Add(message.MessageId))
            {
                Interlocked.Increment(ref _duplicates);
                return false;
            }

            _order.Enqueue((message.MessageId, nowUtc));
            return true;
        }
    }

    public void Prune(DateTime nowUtc)
    {
        var cutoff = nowUtc - _window;
        lock (_gate)
        {
            while (_order.Count > 0 && _order.Peek().SeenAtUtc < cutoff)
            {
                var (id, _) = _order.Dequeue();
                _seen.Remove(id);
            }
        }
    }

    public int WindowSize
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    public void Dispose() => _pruneTimer.Dispose();
}

public sealed class CatalogueFeedConsumer
{
    private readonly LotMessageDeduplicator _dedup;
    private readonly Action<LotMessage> _apply;

    public CatalogueFeedConsumer(LotMessageDeduplicator dedup, Action<LotMessage> apply)
    {
        _dedup = dedup;
        _apply = apply;
    }

    public Task ConsumeAsync(IEnumerable<LotMessage> deliveries, int consumers)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<LotMessage>(deliveries);
        var workers = Enumerable.Range(0, consumers).Select(_ => Task.Run(() =>
        {
            while (queue.TryDequeue(out var message))
            {
                if (_dedup.TryAccept(message, DateTime.UtcNow))
                {
                    _apply(message);
                }
            }
        }));
        return Task.WhenAll(workers);
    }
}
