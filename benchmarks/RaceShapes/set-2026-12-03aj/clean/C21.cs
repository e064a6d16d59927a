namespace Blind36.FossilDig.Permits;

public sealed record DigPermit(string Site, string Leader, DateOnly ValidUntil);

public interface ILandOwnerPortal
{
    void SendRequest(Guid requestId, string site, string leader);
}

/// <summary>
/// Waits for landowner approval of dig permits. Approvals arrive on the portal's
/// callback thread; a waiting request can also be abandoned through its cancellation
/// token.
/// </summary>
public sealed class PermitDesk
{
    private readonly object _lock = new();
    private readonly Dictionary<Guid, TaskCompletionSource<DigPermit>> _pending = new();
    private readonly ILandOwnerPortal _portal;
    private int _approved;
    private int _abandoned;

    public PermitDesk(ILandOwnerPortal portal) => _portal = portal;

    public async Task<DigPermit> RequestAsync(string site, string leader, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var tcs = new TaskCompletionSource<DigPermit>(TaskCreationOptions.RunContinuationsAsynchronously);

        lock (_lock)
            _pending.Add(id, tcs);

        using var registration = ct.Register(() =>
        {
            bool removed;
            lock (_lock)
            {
                removed = _pending.Remove(id);
                if (removed)
                    _abandoned++;
            }
            if (removed)
                tcs.TrySetCanceled(ct);
        });

        _portal.SendRequest(id, site, leader);
        return await tcs.Task.ConfigureAwait(false);
    }

    /// <summary>Invoked by the portal client when a landowner signs.</summary>
    public void OnApproved(Guid requestId, DigPermit permit)
    {
        TaskCompletionSource<DigPermit>? tcs;
        lock (_lock)
        {
            if (!_pending.Remove(requestId, out tcs))
                return;
            _approved++;
        }
        tcs.TrySetResult(permit);
    }

    public (int Pending, int Approved, int Abandoned) Counts
    {
        get
        {
            lock (_lock)
                return (_pending.Count, _approved, _abandoned);
        }
    }
}
