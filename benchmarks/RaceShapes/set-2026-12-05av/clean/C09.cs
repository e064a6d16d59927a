namespace Blind48.TattooStudio.Flash;

public sealed record FlashLease(string Token, DateTimeOffset ExpiresAt);

public interface IFlashLeaseStore
{
    Task<FlashLease?> TryAcquireAsync(string resource, TimeSpan ttl, CancellationToken ct);
    Task<FlashLease?> RenewAsync(string resource, string token, TimeSpan ttl, CancellationToken ct);
    Task ReleaseAsync(string resource, string token, CancellationToken ct);
}

/// <summary>
/// Holds the exclusive lease on a one-off flash design while a client decides,
/// so the sister studio cannot sell it at the same time. A background loop
/// renews the lease until it is released.
/// </summary>
public sealed class FlashDesignHold : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly IFlashLeaseStore _store;
    private readonly string _resource;
    private readonly TimeSpan _ttl;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewLoop;
    private string? _token;
    private int _released;

    private FlashDesignHold(IFlashLeaseStore store, string resource, TimeSpan ttl, FlashLease lease)
    {
        _store = store;
        _resource = resource;
        _ttl = ttl;
        _token = lease.Token;
        _renewLoop = RenewLoopAsync(_stop.Token);
    }

    public static async Task<FlashDesignHold?> TryHoldAsync(IFlashLeaseStore store, string designId, TimeSpan ttl, CancellationToken ct)
    {
        var resource = $"flash/{designId}";
        var lease = await store.TryAcquireAsync(resource, ttl, ct).ConfigureAwait(false);
        return lease is null ? null : new FlashDesignHold(store, resource, ttl, lease);
    }

    public bool IsHeld
    {
        get
        {
            lock (_sync)
            {
                return _token is not null;
            }
        }
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(_ttl.Ticks / 3));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                string? token;
                lock (_sync)
                {
                    token = _token;
                }

                if (token is null)
                {
                    return;
                }

                FlashLease? renewed;
                try
                {
                    renewed = await _store.RenewAsync(_resource, token, _ttl, ct).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    // Try again on the next tick; the lease still has slack.
                    continue;
                }

                lock (_sync)
                {
                    if (_token == token)
                    {
                        _token = renewed?.Token;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async ValueTask ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        await _renewLoop.ConfigureAwait(false);
        _stop.Dispose();

        string? token;
        lock (_sync)
        {
            token = _token;
            _token = null;
        }

        if (token is not null)
        {
            await _store.ReleaseAsync(_resource, token, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => ReleaseAsync();
}
