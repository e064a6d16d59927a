namespace Blind55.Clean.C18;

public interface ILeaseStore
{
    /// <summary>Acquires or renews the named lease for the node; returns the expiry if the node holds it.</summary>
    Task<DateTimeOffset?> TryAcquireOrRenewAsync(string lease, string nodeId, TimeSpan duration, CancellationToken ct);
}

/// <summary>
/// Lease-based leader election for the bus ticketing back office: only the leader publishes the
/// nightly fare tables. Any request thread may ask <see cref="IsLeader"/> while the renew loop runs.
/// </summary>
public sealed class FareTableLeaderElector : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly ILeaseStore _store;
    private readonly string _nodeId;
    private readonly TimeSpan _leaseDuration;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private DateTimeOffset _leaseExpiresAt = DateTimeOffset.MinValue;
    private bool _isLeader;

    public FareTableLeaderElector(ILeaseStore store, string nodeId, TimeSpan leaseDuration)
    {
        _store = store;
        _nodeId = nodeId;
        _leaseDuration = leaseDuration;
        _loop = Task.Run(() => RenewLoopAsync(_stop.Token));
    }

    /// <summary>Raised on the renew loop's thread when leadership is gained or lost.</summary>
    public event Action<bool>? LeadershipChanged;

    public bool IsLeader
    {
        get
        {
            lock (_sync)
            {
                return _isLeader && DateTimeOffset.UtcNow < _leaseExpiresAt;
            }
        }
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_leaseDuration / 3);
        try
        {
            do
            {
                DateTimeOffset? expiry;
                try
                {
                    expiry = await _store.TryAcquireOrRenewAsync("fare-tables", _nodeId, _leaseDuration, ct);
                }
                catch (HttpRequestException)
                {
                    expiry = null;
                }

                bool changed;
                bool nowLeader = expiry.HasValue;
                lock (_sync)
                {
                    changed = nowLeader != _isLeader;
                    _isLeader = nowLeader;
                    _leaseExpiresAt = expiry ?? DateTimeOffset.MinValue;
                }

                if (changed)
                {
                    LeadershipChanged?.Invoke(nowLeader);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
