namespace Blind53.BellFoundries.Leasing;

public interface ILeaseClient
{
    Task<string?> TryAcquireAsync(string resource, TimeSpan ttl, CancellationToken cancellationToken);

    Task<bool> RenewAsync(string resource, string leaseId, TimeSpan ttl, CancellationToken cancellationToken);

    Task ReleaseAsync(string resource, string leaseId, CancellationToken cancellationToken);
}

/// <summary>
/// Exclusive lease on a casting furnace, held while a bell is poured. The lease is
/// renewed in the background until it is disposed.
/// </summary>
public sealed class FurnaceLease : IAsyncDisposable
{
    private readonly ILeaseClient _client;
    private readonly string _resource;
    private readonly TimeSpan _ttl;
    private readonly Timer _renewTimer;
    private string? _leaseId;

    internal FurnaceLease(ILeaseClient client, string resource, string leaseId, TimeSpan ttl)
    {
        _client = client;
        _resource = resource;
        _ttl = ttl;
        _leaseId = leaseId;
        _renewTimer = new Timer(_ => _ = RenewAsync(), null, ttl / 3, ttl / 3);
    }

    /// <summary>Raised when the lease server refuses a renewal.</summary>
    public event Action<string>? LeaseLost;

    public string Resource => _resource;

    private async Task RenewAsync()
    {
        var leaseId = _leaseId;
        if (leaseId is null)
        {
            return;
        }

        bool renewed;
        try
        {
            renewed = await _client.RenewAsync(_resource, leaseId, _ttl, CancellationToken.None).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            renewed = false;
        }

        if (!renewed)
        {
            _leaseId = null;
            LeaseLost?.Invoke(_resource);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _renewTimer.DisposeAsync().ConfigureAwait(false);
        var leaseId = _leaseId;
        _leaseId = null;
        if (leaseId is not null)
        {
            await _client.ReleaseAsync(_resource, leaseId, CancellationToken.None).ConfigureAwait(false);
        }
    }
}

public sealed class FurnaceLeaseManager
{
    private readonly ILeaseClient _client;

    public FurnaceLeaseManager(ILeaseClient client)
    {
        _client = client;
    }

    public async Task<FurnaceLease?> TryAcquireAsync(string furnace, CancellationToken cancellationToken)
    {
        var ttl = TimeSpan.FromSeconds(15);
        var leaseId = await _client.TryAcquireAsync($"furnace/{furnace}", ttl, cancellationToken).ConfigureAwait(false);
        return leaseId is null ? null : new FurnaceLease(_client, $"furnace/{furnace}", leaseId, ttl);
    }
}

public sealed class PourController
{
    private volatile bool _aborted;

    public bool Aborted => _aborted;

    public async Task PourAsync(FurnaceLeaseManager leases, string furnace, Func<Task> pour)
    {
        var lease = await leases.TryAcquireAsync(furnace, CancellationToken.None) ?? throw new InvalidOperationException("Furnace busy.");
        lease.LeaseLost += _ => _aborted = true;
        await using (lease)
        {
            await pour();
        }
    }
}
