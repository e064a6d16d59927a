namespace Blind38.WindFarm.Coordination;

public sealed record Lease(string HolderId, DateTimeOffset ExpiresAt, long Epoch)
{
    public bool IsHeldBy(string nodeId, DateTimeOffset now) => HolderId == nodeId && now < ExpiresAt;
}

/// <summary>
/// Local view of the curtailment-controller lease. Exactly one SCADA node at a time may send
/// curtailment set-points to the turbines. <see cref="TryAcquire"/> is called by every node's
/// election loop and by the grid operator API; the renewal timer keeps the current lease alive.
/// </summary>
public sealed class CurtailmentLeaseManager : IDisposable
{
    private readonly string _nodeId;
    private readonly TimeSpan _leaseDuration;
    private readonly Timer _renewTimer;
    private Lease _current = new(string.Empty, DateTimeOffset.MinValue, 0);
    private long _renewals;

    public CurtailmentLeaseManager(string nodeId, TimeSpan leaseDuration)
    {
        _nodeId = nodeId;
        _leaseDuration = leaseDuration;
        var period = leaseDuration / 3;
        _renewTimer = new Timer(_ => Renew(), null, period, period);
    }

    public Lease Current => Volatile.Read(ref _current);

    public long Renewals => Interlocked.Read(ref _renewals);

    public bool IsLeader => Current.IsHeldBy(_nodeId, DateTimeOffset.UtcNow);

    public bool TryAcquire(string candidateId)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var observed = Volatile.Read(ref _current);
            if (observed.HolderId != candidateId && now < observed.ExpiresAt)
            {
                return false;
            }

            var next = new Lease(candidateId, now + _leaseDuration, observed.Epoch + 1);
            if (Interlocked.CompareExchange(ref _current, next, observed) == observed)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        while (true)
        {
            var observed = Volatile.Read(ref _current);
            if (observed.HolderId != _nodeId)
            {
                return;
            }

            var released = observed with { ExpiresAt = DateTimeOffset.UtcNow, Epoch = observed.Epoch + 1 };
            if (Interlocked.CompareExchange(ref _current, released, observed) == observed)
            {
                return;
            }
        }
    }

    private void Renew()
    {
        var now = DateTimeOffset.UtcNow;
        var observed = Volatile.Read(ref _current);
        if (!observed.IsHeldBy(_nodeId, now))
        {
            return;
        }

        // Keep the epoch so in-flight set-points stamped with it remain valid.
        var renewed = observed with { ExpiresAt = now + _leaseDuration };
        if (Interlocked.CompareExchange(ref _current, renewed, observed) == observed)
        {
            Interlocked.Increment(ref _renewals);
        }
    }

    public void Dispose() => _renewTimer.Dispose();
}
