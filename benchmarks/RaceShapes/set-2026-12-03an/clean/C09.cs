using System.Diagnostics;

namespace Blind40.ClockTowers.Winding;

public interface IWindingLeaseStore
{
    Task<bool> TryAcquireOrRenewAsync(string nodeId, TimeSpan duration, CancellationToken ct);
    Task ReleaseAsync(string nodeId, CancellationToken ct);
}

/// <summary>
/// Holds the lease that lets one winding controller drive the tower's automatic
/// winder. The lease is renewed from a background loop and released on stop.
/// </summary>
public sealed class WindingLeaseKeeper : IAsyncDisposable
{
    private readonly IWindingLeaseStore _store;
    private readonly string _nodeId;
    private readonly TimeSpan _duration;
    private CancellationTokenSource? _cts;
    private Task? _loop;
    private volatile bool _isLeader;

    public WindingLeaseKeeper(IWindingLeaseStore store, string nodeId, TimeSpan duration)
    {
        _store = store;
        _nodeId = nodeId;
        _duration = duration;
    }

    /// <summary>Polled by the winder motor controller before every winding cycle.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>Start and stop are called by the host, one at a time.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        _cts = new CancellationTokenSource();
        _loop = RenewLoopAsync(_cts.Token);
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_duration / 3);
        do
        {
            try
            {
                _isLeader = await _store.TryAcquireOrRenewAsync(_nodeId, _duration, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Trace.TraceWarning($"Winding lease renewal failed: {ex.Message}");
                _isLeader = false;
            }
        }
        while (await WaitTickAsync(timer, ct).ConfigureAwait(false));
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken ct)
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

    public async Task StopAsync()
    {
        if (_loop is null || _cts is null)
        {
            return;
        }

        _cts.Cancel();
        await _loop.ConfigureAwait(false);
        _cts.Dispose();
        _cts = null;
        _loop = null;

        if (_isLeader)
        {
            _isLeader = false;
            await _store.ReleaseAsync(_nodeId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
