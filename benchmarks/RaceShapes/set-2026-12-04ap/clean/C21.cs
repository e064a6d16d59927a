namespace Blind42.TapestryWeaving.Reports;

public sealed record LoomStatus(string LoomId, int RowsWoven, double PercentComplete);

public interface ILoomClient
{
    Task<LoomStatus> GetStatusAsync(string loomId, CancellationToken cancellationToken);
}

/// <summary>
/// Builds the studio's morning progress report. Looms that do not answer within the deadline
/// are listed as unavailable rather than holding up the report.
/// </summary>
public sealed class LoomProgressReporter
{
    private readonly ILoomClient _client;
    private readonly TimeSpan _deadline;

    public LoomProgressReporter(ILoomClient client, TimeSpan deadline)
    {
        _client = client;
        _deadline = deadline;
    }

    public async Task<IReadOnlyList<string>> BuildAsync(IReadOnlyList<string> loomIds, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queries = loomIds.Select(id => _client.GetStatusAsync(id, cts.Token)).ToArray();
        var all = Task.WhenAll(queries);

        var finished = await Task.WhenAny(all, Task.Delay(_deadline, cancellationToken)).ConfigureAwait(false);
        if (finished != all)
        {
            cts.Cancel();
            try
            {
                await all.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
        }

        var lines = new List<string>(loomIds.Count);
        for (var i = 0; i < queries.Length; i++)
        {
            lines.Add(queries[i].Status == TaskStatus.RanToCompletion
                ? $"{queries[i].Result.LoomId}: {queries[i].Result.RowsWoven} rows ({queries[i].Result.PercentComplete:F0}%)"
                : $"{loomIds[i]}: unavailable");
        }
        return lines;
    }
}

/// <summary>Waits for the first weaver to confirm a shared warp change, with a timeout.</summary>
public sealed class WarpChangeConfirmation
{
    private readonly TaskCompletionSource<string> _confirmed =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called by any weaver's tablet; only the first confirmation counts.</summary>
    public bool Confirm(string weaver) => _confirmed.TrySetResult(weaver);

    public async Task<string?> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => _confirmed.TrySetCanceled(cancellationToken));
        var winner = await Task.WhenAny(_confirmed.Task, Task.Delay(timeout, CancellationToken.None)).ConfigureAwait(false);
        if (winner == _confirmed.Task)
        {
            return await _confirmed.Task.ConfigureAwait(false);
        }

        _confirmed.TrySetResult("(timed out)");
        return null;
    }
}
