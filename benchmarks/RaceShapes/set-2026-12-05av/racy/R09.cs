namespace Blind48.TattooStudio.Chairs;

public sealed record LeaseGrant(string Token, DateTimeOffset ExpiresAt);

public interface ILeaseStore
{
    Task<LeaseGrant?> TryAcquireAsync(string resource, TimeSpan ttl, CancellationToken ct);
    Task<LeaseGrant?> RenewAsync(string resource, string token, TimeSpan ttl, CancellationToken ct);
    Task ReleaseAsync(string resource, string token, CancellationToken ct);
}

/// <summary>
/// Holds the lease on an artist's chair in the shared booking store for as long
/// as a walk-in session is open, renewing it in the background so the front
/// desk at the other studio cannot book the same chair.
/// </summary>
public sealed class ChairLease : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly ILeaseStore _store;
    private readonly string _chairId;
    private readonly TimeSpan _ttl;
    private readonly Timer _renewTimer;
    private string? _token;

    private ChairLease(ILeaseStore store, string chairId, TimeSpan ttl, LeaseGrant grant)
    {
        _store = store;
        _chairId = chairId;
        _ttl = ttl;
        _token = grant.Token;
        var every = TimeSpan.FromTicks(ttl.Ticks / 3);
        _renewTimer = new Timer(OnRenewTick, null, every, every);
    }

    public static async Task<ChairLease?> AcquireAsync(
        ILeaseStore store, string chairId, TimeSpan ttl, CancellationToken ct)
    {
        var grant = await store.TryAcquireAsync($"chair/{chairId}", ttl, ct).ConfigureAwait(false);
        return grant is null ? null : new ChairLease(store, chairId, ttl, grant);
    }

    public string ChairId => _chairId;

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

    private async void OnRenewTick(object? state)
    {
        var token = _token;
        if (token is null)
        {
            return;
        }

        try
        {
            var renewed = await _store
                .RenewAsync($"chair/{_chairId}", token, _ttl, CancellationToken.None)
                .ConfigureAwait(false);
            _token = renewed?.Token;
        }
        catch (Exception)
        {
            // The next tick tries again; the lease has some slack left.
        }
    }

    public async ValueTask ReleaseAsync()
    {
        string? token;
        lock (_sync)
        {
            token = _token;
            _token = null;
        }

        await _renewTimer.DisposeAsync().ConfigureAwait(false);

        if (token is not null)
        {
            await _store.ReleaseAsync($"chair/{_chairId}", token, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => ReleaseAsync();
}
