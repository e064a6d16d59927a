namespace Blind40.Coopers.Warehouse;

public interface ILockBackend
{
    Task<bool> TryAcquireAsync(string key, string owner, TimeSpan ttl, CancellationToken ct);
    Task ExtendAsync(string key, string owner, TimeSpan ttl, CancellationToken ct);
    Task ReleaseAsync(string key, string owner, CancellationToken ct);
}

/// <summary>
/// Client for the bonded warehouse's distributed lock service, used so that
/// only one forklift job moves a given rack of barrels at a time. Singleton;
/// job handlers acquire and release rack locks concurrently.
/// </summary>
public sealed class RackLockClient
{
    private sealed class Held
    {
        public required CancellationTokenSource Renewal { get; init; }
        public required Task RenewLoop { get; init; }
    }

    private readonly ILockBackend _backend;
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly TimeSpan _ttl;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);

    public RackLockClient(ILockBackend backend, TimeSpan ttl)
    {
        _backend = backend;
        _ttl = ttl;
    }

    public async Task<bool> TryLockRackAsync(string rack, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_held.ContainsKey(rack))
            {
                return true;
            }

            if (!await _backend.TryAcquireAsync(rack, _owner, _ttl, ct).ConfigureAwait(false))
            {
                return false;
            }

            var renewal = new CancellationTokenSource();
            _held[rack] = new Held { Renewal = renewal, RenewLoop = RenewAsync(rack, renewal.Token) };
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task UnlockRackAsync(string rack)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_held.Remove(rack, out var held))
            {
                return;
            }

            held.Renewal.Cancel();
            await held.RenewLoop.ConfigureAwait(false);
            held.Renewal.Dispose();
            await _backend.ReleaseAsync(rack, _owner, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> HeldRacksAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _held.Keys.ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RenewAsync(string rack, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_ttl / 2, ct).ConfigureAwait(false);
                await _backend.ExtendAsync(rack, _owner, _ttl, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
