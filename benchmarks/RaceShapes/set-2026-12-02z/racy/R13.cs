namespace Blind26.Ropeway.Dispatch;

/// <summary>A TCP link to one gondola cabin's onboard controller.</summary>
public sealed class CabinLink : IDisposable
{
    private CabinLink(string endpoint) => Endpoint = endpoint;

    public string Endpoint { get; }

    public static async Task<CabinLink> OpenAsync(string endpoint, CancellationToken ct)
    {
        await Task.Delay(10, ct).ConfigureAwait(false);
        return new CabinLink(endpoint);
    }

    public Task SendAsync(string command, CancellationToken ct) => Task.Delay(1, ct);

    public void Dispose()
    {
    }
}

/// <summary>
/// Pool of links to the ropeway's cabin controllers. The dispatch API rents a link per
/// request. When the station controller reconnects after a power dip, the recovery
/// handler drops every idle link so fresh ones are opened.
/// </summary>
public sealed class CabinLinkPool
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Stack<CabinLink> _idle = new();
    private readonly string _endpoint;
    private int _created;

    public CabinLinkPool(string endpoint)
    {
        _endpoint = endpoint;
    }

    public async Task<CabinLink> RentAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_idle.TryPop(out var link))
            {
                return link;
            }

            _created++;
        }
        finally
        {
            _gate.Release();
        }

        return await CabinLink.OpenAsync(_endpoint, ct).ConfigureAwait(false);
    }

    public async Task ReturnAsync(CabinLink link)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _idle.Push(link);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> CreatedCountAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _created;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Disposes every idle link; rented links are replaced as they come back.</summary>
    public void DropIdle()
    {
        while (_idle.TryPop(out var link))
        {
            link.Dispose();
        }
    }
}

/// <summary>
/// Watches the station controller heartbeat. Runs on its own loop and calls the
/// pool's recovery handler when the controller comes back.
/// </summary>
public sealed class StationController
{
    private readonly CabinLinkPool _pool;

    public StationController(CabinLinkPool pool) => _pool = pool;

    public async Task MonitorAsync(Func<CancellationToken, Task<bool>> heartbeat, CancellationToken ct)
    {
        bool wasUp = true;
        while (!ct.IsCancellationRequested)
        {
            bool up = await heartbeat(ct).ConfigureAwait(false);
            if (up && !wasUp)
            {
                _pool.DropIdle();
            }

            wasUp = up;
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
    }
}
