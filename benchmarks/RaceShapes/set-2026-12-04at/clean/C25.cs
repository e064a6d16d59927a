namespace Blind46.Hydroponics.Leadership;

public interface ILeaseStore
{
    Task<bool> TryAcquireAsync(string resource, string holder, TimeSpan ttl, CancellationToken ct);

    Task<bool> TryRenewAsync(string resource, string holder, TimeSpan ttl, CancellationToken ct);
}

/// <summary>
/// Leader election for the greenhouse's redundant dosing controllers: only the
/// leader may open nutrient dosing valves. The dosing loop checks <see cref="IsLeader"/>
/// before every dose while a background loop acquires and renews the lease.
/// </summary>
public sealed class DosingLeaderElector : IAsyncDisposable
{
    private readonly ILeaseStore _store;
    private readonly string _nodeId;
    private readonly TimeSpan _ttl;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _stateLock = new();
    private readonly Task _loop;
    private bool _isLeader;
    private DateTime _leaseExpiresUtc;
    private int _termsWon;

    public DosingLeaderElector(ILeaseStore store, string nodeId, TimeSpan ttl)
    {
        _store = store;
        _nodeId = nodeId;
        _ttl = ttl;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public bool IsLeader
    {
        get
        {
            lock (_stateLock)
                return _isLeader && DateTime.UtcNow < _leaseExpiresUtc;
        }
    }

    public (bool Leader, DateTime ExpiresUtc, int Terms) Describe()
    {
        lock (_stateLock)
            return (_isLeader, _leaseExpiresUtc, _termsWon);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_ttl / 3);
        do
        {
            bool wasLeader;
            lock (_stateLock)
                wasLeader = _isLeader;

            var started = DateTime.UtcNow;
            bool held;
            try
            {
                held = wasLeader
                    ? await _store.TryRenewAsync("dosing", _nodeId, _ttl, ct).ConfigureAwait(false)
                    : await _store.TryAcquireAsync("dosing", _nodeId, _ttl, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception)
            {
                held = false;
            }

            lock (_stateLock)
            {
                if (held && !_isLeader)
                    _termsWon++;
                _isLeader = held;
                _leaseExpiresUtc = held ? started + _ttl : DateTime.MinValue;
            }
        }
        while (await WaitTick(timer, ct).ConfigureAwait(false));

        lock (_stateLock)
            _isLeader = false;
    }

    private static async ValueTask<bool> WaitTick(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
