namespace Blind57.CanalBoats.Locks;

public interface ILeaseStore
{
    Task<bool> TryCreateAsync(string key, string owner, TimeSpan ttl, CancellationToken ct);
    Task<bool> TryExtendAsync(string key, string owner, TimeSpan ttl, CancellationToken ct);
    Task DeleteIfOwnerAsync(string key, string owner, CancellationToken ct);
}

/// <summary>
/// Distributed lock held while a web node allocates narrowboats for a hire week, so two nodes
/// never hand out the same boat. The lease is renewed in the background until released;
/// <see cref="LeaseLost"/> is cancelled if a renewal fails.
/// </summary>
public sealed class BoatAllocationLock : IAsyncDisposable
{
    private readonly ILeaseStore _store;
    private readonly string _key;
    private readonly string _owner;
    private readonly TimeSpan _ttl;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewLoop;
    private int _released;

    private BoatAllocationLock(ILeaseStore store, string key, string owner, TimeSpan ttl)
    {
        _store = store;
        _key = key;
        _owner = owner;
        _ttl = ttl;
        LeaseLost = _lost.Token;
        _renewLoop = RenewLoopAsync();
    }

    public CancellationToken LeaseLost { get; }

    public static async Task<BoatAllocationLock?> TryAcquireAsync(ILeaseStore store, string hireWeek, TimeSpan ttl, CancellationToken ct)
    {
        var key = $"boat-allocation:{hireWeek}";
        var owner = $"{Environment.MachineName}:{Guid.NewGuid():N}";
        if (!await store.TryCreateAsync(key, owner, ttl, ct))
        {
            return null;
        }
        return new BoatAllocationLock(store, key, owner, ttl);
    }

    private async Task RenewLoopAsync()
    {
        using var timer = new PeriodicTimer(_ttl / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopRenewing.Token))
            {
                bool extended;
                try
                {
                    extended = await _store.TryExtendAsync(_key, _owner, _ttl, _stopRenewing.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    extended = false;
                }

                if (!extended)
                {
                    _lost.Cancel();
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
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        _stopRenewing.Cancel();
        await _renewLoop;
        _stopRenewing.Dispose();

        if (!_lost.IsCancellationRequested)
        {
            await _store.DeleteIfOwnerAsync(_key, _owner, CancellationToken.None);
        }
    }
}

/// <summary>Allocates boats for a hire week while holding the lock.</summary>
public sealed class WeeklyAllocator
{
    private readonly ILeaseStore _store;

    public WeeklyAllocator(ILeaseStore store) => _store = store;

    public async Task<bool> AllocateAsync(string hireWeek, Func<CancellationToken, Task> allocate, CancellationToken ct)
    {
        await using var held = await BoatAllocationLock.TryAcquireAsync(_store, hireWeek, TimeSpan.FromSeconds(30), ct);
        if (held is null)
        {
            return false;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, held.LeaseLost);
        await allocate(linked.Token);
        return true;
    }
}
