namespace Blind53.SeedBanks.VaultAccess;

public interface IVaultLeaseApi
{
    Task<bool> ExtendAsync(string vault, string token, CancellationToken cancellationToken);

    Task ReleaseAsync(string vault, string token, CancellationToken cancellationToken);
}

/// <summary>
/// Lease on a seed vault door, held while staff are inside. The lease is extended every
/// few seconds by a background loop; staff release it when they sign out.
/// </summary>
public sealed class VaultDoorLease : IAsyncDisposable
{
    private static readonly TimeSpan RenewTimeout = TimeSpan.FromSeconds(3);

    private readonly IVaultLeaseApi _api;
    private readonly string _vault;
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewLoop;
    private string? _token;

    public VaultDoorLease(IVaultLeaseApi api, string vault, string token, TimeSpan period)
    {
        _api = api;
        _vault = vault;
        _token = token;
        _renewLoop = RenewLoopAsync(period, _stop.Token);
    }

    public event Action<string>? Lost;

    public async Task<bool> IsHeldAsync()
    {
        await _mutex.WaitAsync().ConfigureAwait(false);
        try
        {
            return _token is not null;
        }
        finally
        {
            _mutex.Release();
        }
    }

    private async Task RenewLoopAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                bool lost = false;
                await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (_token is null)
                    {
                        return;
                    }

                    var extend = _api.ExtendAsync(_vault, _token, cancellationToken);
                    var winner = await Task.WhenAny(extend, Task.Delay(RenewTimeout, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (winner != extend || extend.Status != TaskStatus.RanToCompletion || !extend.Result)
                    {
                        _token = null;
                        lost = true;
                    }
                }
                finally
                {
                    _mutex.Release();
                }

                if (lost)
                {
                    Lost?.Invoke(_vault);
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
        await _renewLoop.ConfigureAwait(false);
        _stop.Dispose();

        string? token;
        await _mutex.WaitAsync().ConfigureAwait(false);
        try
        {
            token = _token;
            _token = null;
        }
        finally
        {
            _mutex.Release();
        }

        if (token is not null)
        {
            await _api.ReleaseAsync(_vault, token, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
