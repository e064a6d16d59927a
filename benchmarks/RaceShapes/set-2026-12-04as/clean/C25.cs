namespace Blind45.WindFarm.MaintenanceLocks;

public interface ILeaseStore
{
    Task<bool> TryAcquireAsync(string resource, string owner, TimeSpan ttl, CancellationToken ct);
    Task<bool> RenewAsync(string resource, string owner, TimeSpan ttl, CancellationToken ct);
    Task ReleaseAsync(string resource, string owner, CancellationToken ct);
}

/// <summary>
/// Distributed lock over a turbine: while a technician crew holds it, no other crew or
/// automated yaw test may work on the nacelle. The lease is renewed in the background;
/// <see cref="IsHeld"/> is polled by the crew's tablet app.
/// </summary>
public sealed class TurbineLease : IAsyncDisposable
{
    private readonly ILeaseStore _store;
    private readonly string _turbineId;
    private readonly string _owner;
    private readonly TimeSpan _ttl;
    private readonly object _state = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _renewLoop;
    private bool _held;
    private DateTimeOffset _expiresAt;

    private TurbineLease(ILeaseStore store, string turbineId, string owner, TimeSpan ttl)
    {
        _store = store;
        _turbineId = turbineId;
        _owner = owner;
        _ttl = ttl;
    }

    public static async Task<TurbineLease?> TryAcquireAsync(ILeaseStore store, string turbineId, string crew, TimeSpan ttl, CancellationToken ct)
    {
        var lease = new TurbineLease(store, turbineId, crew, ttl);
        if (!await store.TryAcquireAsync(turbineId, crew, ttl, ct).ConfigureAwait(false))
        {
            return null;
        }

        lock (lease._state)
        {
            lease._held = true;
            lease._expiresAt = DateTimeOffset.UtcNow + ttl;
        }

        lease._renewLoop = Task.Run(() => lease.RenewLoopAsync(lease._stop.Token));
        return lease;
    }

    public bool IsHeld
    {
        get
        {
            lock (_state)
            {
                return _held && DateTimeOffset.UtcNow < _expiresAt;
            }
        }
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_ttl / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var renewed = await _store.RenewAsync(_turbineId, _owner, _ttl, ct).ConfigureAwait(false);
                lock (_state)
                {
                    _held = renewed;
                    if (renewed)
                    {
                        _expiresAt = DateTimeOffset.UtcNow + _ttl;
                    }
                }

                if (!renewed)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_renewLoop is not null)
        {
            await _renewLoop.ConfigureAwait(false);
        }

        bool release;
        lock (_state)
        {
            release = _held;
            _held = false;
        }

        if (release)
        {
            await _store.ReleaseAsync(_turbineId, _owner, CancellationToken.None).ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
