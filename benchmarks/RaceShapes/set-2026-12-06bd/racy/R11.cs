namespace Blind56.Harbour.Messaging;

public sealed record MovementNotice(Guid Id, string VesselName, string Berth, string Kind, DateTimeOffset IssuedAt);

/// <summary>
/// In-memory broker that carries vessel movement notices (arrivals, berth changes,
/// pilot requests) between the harbour master's services. Publishers, consumers
/// and the redelivery sweeper all call into the same instance from their own threads.
/// </summary>
public sealed class MovementNoticeBroker
{
    private readonly object _queueLock = new();
    private readonly object _ackLock = new();
    private readonly Queue<MovementNotice> _ready = new();
    private readonly List<InFlight> _inFlight = new();
    private readonly TimeSpan _ackTimeout;

    private sealed record InFlight(MovementNotice Notice, DateTimeOffset DeliveredAt, int Attempt);

    public MovementNoticeBroker(TimeSpan ackTimeout)
    {
        _ackTimeout = ackTimeout;
    }

    public void Publish(MovementNotice notice)
    {
        lock (_queueLock)
        {
            _ready.Enqueue(notice);
            Monitor.Pulse(_queueLock);
        }
    }

    public MovementNotice? Receive(TimeSpan wait)
    {
        lock (_queueLock)
        {
            var deadline = DateTime.UtcNow + wait;
            while (_ready.Count == 0)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_queueLock, left))
                {
                    return null;
                }
            }

            var notice = _ready.Dequeue();
            _inFlight.Add(new InFlight(notice, DateTimeOffset.UtcNow, 1));
            return notice;
        }
    }

    public bool Acknowledge(Guid noticeId)
    {
        lock (_ackLock)
        {
            int index = _inFlight.FindIndex(f => f.Notice.Id == noticeId);
            if (index < 0)
            {
                return false;
            }

            _inFlight.RemoveAt(index);
            return true;
        }
    }

    /// <summary>Puts notices whose consumer went quiet back on the ready queue.</summary>
    public int RedeliverExpired(DateTimeOffset now)
    {
        int moved = 0;
        lock (_queueLock)
        {
            for (int i = _inFlight.Count - 1; i >= 0; i--)
            {
                if (now - _inFlight[i].DeliveredAt < _ackTimeout)
                {
                    continue;
                }

                _ready.Enqueue(_inFlight[i].Notice);
                _inFlight.RemoveAt(i);
                moved++;
            }

            if (moved > 0)
            {
                Monitor.PulseAll(_queueLock);
            }
        }

        return moved;
    }

    public async Task RunSweeperAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            RedeliverExpired(DateTimeOffset.UtcNow);
        }
    }
}
