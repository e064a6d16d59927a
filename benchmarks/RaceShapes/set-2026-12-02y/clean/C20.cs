using System.Collections.Concurrent;

namespace Lifeboat.Callouts.Paging;

public sealed record PageAck(int RequestId, string CrewMember, bool Attending);

public interface IPagerGateway
{
    ValueTask SendPageAsync(int requestId, string crewMember, string message, CancellationToken ct);
}

/// <summary>
/// Pages lifeboat crew and waits for their acknowledgements. Coxswains and the
/// coastguard link call <see cref="PageAsync"/> concurrently; acknowledgements
/// are delivered by the gateway's receive thread through <see cref="OnAck"/>.
/// </summary>
public sealed class CrewPager
{
    private readonly IPagerGateway _gateway;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<PageAck>> _pending = new();
    private int _nextId;

    public CrewPager(IPagerGateway gateway) => _gateway = gateway;

    public int Outstanding => _pending.Count;

    public async Task<PageAck?> PageAsync(string crewMember, string message, TimeSpan timeout, CancellationToken ct)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<PageAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var registration = timeoutCts.Token.Register(() =>
        {
            if (_pending.TryRemove(id, out var abandoned))
            {
                abandoned.TrySetCanceled();
            }
        });

        try
        {
            await _gateway.SendPageAsync(id, crewMember, message, timeoutCts.Token).ConfigureAwait(false);
            return await tcs.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Called from the gateway's receive thread for each acknowledgement.</summary>
    public void OnAck(PageAck ack)
    {
        if (_pending.TryRemove(ack.RequestId, out var tcs))
        {
            tcs.TrySetResult(ack);
        }
    }
}

public static class CalloutDispatcher
{
    public static async Task<IReadOnlyList<string>> MusterAsync(CrewPager pager, IEnumerable<string> crew, CancellationToken ct)
    {
        var acks = await Task.WhenAll(crew.Select(c =>
            pager.PageAsync(c, "LAUNCH: ALB to station", TimeSpan.FromMinutes(3), ct))).ConfigureAwait(false);
        return acks.Where(a => a is { Attending: true }).Select(a => a!.CrewMember).ToList();
    }
}
