using System.Collections.Concurrent;

namespace Blind53.OrganBuilding.WindChest;

public sealed record PressureReply(int CorrelationId, string Chest, double MillimetresWater);

public interface IWindChestLink
{
    ValueTask SendQueryAsync(int correlationId, string chest, CancellationToken cancellationToken);
}

/// <summary>
/// Request/response client for the wind-chest pressure sensors. Replies arrive on the
/// link's receive thread and are matched to waiting callers by correlation id. Shared by
/// the regulator tuning screen and the automatic leak test.
/// </summary>
public sealed class WindPressureClient
{
    private readonly IWindChestLink _link;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<PressureReply>> _pending = new();
    private int _nextId;

    public WindPressureClient(IWindChestLink link)
    {
        _link = link;
    }

    public int Pending => _pending.Count;

    public async Task<PressureReply> QueryAsync(string chest, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int id = Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<PressureReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        using var registration = timeoutCts.Token.Register(static state =>
        {
            var (client, correlationId, token) = ((WindPressureClient, int, CancellationToken))state!;
            if (client._pending.TryRemove(correlationId, out var waiting))
            {
                waiting.TrySetCanceled(token);
            }
        }, (this, id, timeoutCts.Token));

        try
        {
            await _link.SendQueryAsync(id, chest, timeoutCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (_pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetException(ex);
            }
        }

        return await tcs.Task.ConfigureAwait(false);
    }

    /// <summary>Called by the link's receive loop for every reply frame.</summary>
    public void OnReply(PressureReply reply)
    {
        if (_pending.TryRemove(reply.CorrelationId, out var waiting))
        {
            waiting.TrySetResult(reply);
        }
    }

    public void FailAll(Exception reason)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetException(reason);
            }
        }
    }
}

public sealed class LeakTest
{
    private readonly WindPressureClient _client;

    public LeakTest(WindPressureClient client)
    {
        _client = client;
    }

    public async Task<double> PressureDropAsync(string chest, TimeSpan hold, CancellationToken cancellationToken)
    {
        var before = await _client.QueryAsync(chest, TimeSpan.FromSeconds(2), cancellationToken);
        await Task.Delay(hold, cancellationToken);
        var after = await _client.QueryAsync(chest, TimeSpan.FromSeconds(2), cancellationToken);
        return before.MillimetresWater - after.MillimetresWater;
    }
}
