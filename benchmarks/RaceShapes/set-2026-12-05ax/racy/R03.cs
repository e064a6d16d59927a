namespace Blind50.Trams.DepotMessaging;

public sealed record DepotMessage(long Id, string DepotId, string Body);

/// <summary>
/// In-process broker that forwards control-room instructions to tram depots and
/// redelivers any that have not been acknowledged within the timeout.
/// <see cref="Acknowledge"/> is called from the depot connection handlers.
/// </summary>
public sealed class DepotMessageBroker : IDisposable
{
    private sealed class PendingEntry
    {
        public PendingEntry(DepotMessage message, DateTime sentUtc)
        {
            Message = message;
            SentUtc = sentUtc;
        }

        public DepotMessage Message { get; }
        public DateTime SentUtc { get; set; }
        public int Attempts { get; set; } = 1;
    }

    private readonly object _pendingLock = new();
    private readonly Dictionary<long, PendingEntry> _pending = new();
    private readonly Action<DepotMessage> _send;
    private readonly Action<DepotMessage> _deadLetter;
    private readonly TimeSpan _ackTimeout;
    private readonly int _maxAttempts;
    private readonly Timer _redeliveryTimer;
    private long _nextId;

    public DepotMessageBroker(Action<DepotMessage> send, Action<DepotMessage> deadLetter, TimeSpan ackTimeout, int maxAttempts)
    {
        _send = send;
        _deadLetter = deadLetter;
        _ackTimeout = ackTimeout;
        _maxAttempts = maxAttempts;
        _redeliveryTimer = new Timer(RedeliverExpired, null, ackTimeout, ackTimeout);
    }

    public long Publish(string depotId, string body)
    {
        var message = new DepotMessage(Interlocked.Increment(ref _nextId), depotId, body);
        lock (_pendingLock)
        {
            _pending[message.Id] = new PendingEntry(message, DateTime.UtcNow);
        }

        _send(message);
        return message.Id;
    }

    public bool Acknowledge(long messageId)
    {
        lock (_pendingLock)
        {
            return _pending.Remove(messageId);
        }
    }

    private void RedeliverExpired(object? state)
    {
        var now = DateTime.UtcNow;
        var expired = new List<long>();
        foreach (var pair in _pending)
        {
            if (now - pair.Value.SentUtc >= _ackTimeout)
            {
                expired.Add(pair.Key);
            }
        }

        var resend = new List<DepotMessage>();
        var dead = new List<DepotMessage>();
        lock (_pendingLock)
        {
            foreach (var id in expired)
            {
                if (!_pending.TryGetValue(id, out var entry))
                {
                    continue;
                }

                if (entry.Attempts >= _maxAttempts)
                {
                    _pending.Remove(id);
                    dead.Add(entry.Message);
                    continue;
                }

                entry.Attempts++;
                entry.SentUtc = now;
                resend.Add(entry.Message);
            }
        }

        foreach (var message in resend)
        {
            _send(message);
        }

        foreach (var message in dead)
        {
            _deadLetter(message);
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_pendingLock)
            {
                return _pending.Count;
            }
        }
    }

    public void Dispose() => _redeliveryTimer.Dispose();
}
