using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.TollRoad.Lookup;

public sealed record AccountMatch(string Plate, string AccountId, bool HasTag, string Source);

public interface IAccountDirectory
{
    Task<AccountMatch?> FindByPlateAsync(string plate, CancellationToken ct);
}

/// <summary>
/// Resolves a plate read at the gantry to a toll account. The primary directory is
/// queried first; if it is slow, the regional replica is queried too and whichever
/// answers first wins.
/// </summary>
public sealed class HedgedAccountResolver
{
    private readonly IAccountDirectory _primary;
    private readonly IAccountDirectory _replica;
    private readonly TimeSpan _hedgeAfter;

    public HedgedAccountResolver(IAccountDirectory primary, IAccountDirectory replica, TimeSpan hedgeAfter)
    {
        _primary = primary;
        _replica = replica;
        _hedgeAfter = hedgeAfter;
    }

    public async Task<AccountMatch?> ResolveAsync(string plate, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var primary = _primary.FindByPlateAsync(plate, linked.Token);
        var hedgeDelay = Task.Delay(_hedgeAfter, linked.Token);

        var first = await Task.WhenAny(primary, hedgeDelay).ConfigureAwait(false);
        if (first == primary)
        {
            linked.Cancel();
            return await primary.ConfigureAwait(false);
        }

        var replica = _replica.FindByPlateAsync(plate, linked.Token);
        var winner = await Task.WhenAny(primary, replica).ConfigureAwait(false);

        AccountMatch? result;
        try
        {
            result = await winner.ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            var other = winner == primary ? replica : primary;
            result = await other.ConfigureAwait(false);
        }

        linked.Cancel();
        ObserveQuietly(primary);
        ObserveQuietly(replica);
        return result;
    }

    private static void ObserveQuietly(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
