namespace Blind50.SnowPlough.Gritting;

public sealed record GrittingRun(string RunId, string Depot, double TonnesLoaded);

public sealed record GrittingOutcome(string RunId, bool Completed, double TonnesSpread);

public interface IGritterTelemetry
{
    Task<double?> WaitForReturnAsync(GrittingRun run, CancellationToken cancellationToken);
}

/// <summary>
/// Dispatches the night's gritting runs, waits for every lorry to return and summarises salt
/// usage per depot for the highways office.
/// </summary>
public sealed class GrittingNight
{
    private readonly IGritterTelemetry _telemetry;
    private readonly TimeSpan _runTimeout;

    public GrittingNight(IGritterTelemetry telemetry, TimeSpan runTimeout)
    {
        _telemetry = telemetry;
        _runTimeout = runTimeout;
    }

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(IReadOnlyList<GrittingRun> runs, CancellationToken cancellationToken)
    {
        var tracked = runs.Select(run => TrackAsync(run, cancellationToken)).ToArray();
        var outcomes = await Task.WhenAll(tracked);

        var byDepot = new Dictionary<string, double>();
        foreach (var (run, outcome) in runs.Zip(outcomes))
        {
            byDepot[run.Depot] = byDepot.GetValueOrDefault(run.Depot) + outcome.TonnesSpread;
        }

        return byDepot;
    }

    private async Task<GrittingOutcome> TrackAsync(GrittingRun run, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_runTimeout);
        try
        {
            var remaining = await _telemetry.WaitForReturnAsync(run, timeout.Token).ConfigureAwait(false);
            return remaining is { } left
                ? new GrittingOutcome(run.RunId, true, run.TonnesLoaded - left)
                : new GrittingOutcome(run.RunId, false, 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GrittingOutcome(run.RunId, false, 0);
        }
    }

    /// <summary>Returns as soon as the first lorry is back, so the yard crew can start reloading.</summary>
    public async Task<string?> FirstBackAsync(IReadOnlyList<GrittingRun> runs, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = runs.Select(run => TrackAsync(run, cts.Token)).ToList();
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            var outcome = await finished;
            if (outcome.Completed)
            {
                cts.Cancel();
                await DrainAsync(pending).ConfigureAwait(false);
                return outcome.RunId;
            }
        }

        return null;
    }

    private static async Task DrainAsync(IEnumerable<Task<GrittingOutcome>> cancelled)
    {
        try
        {
            await Task.WhenAll(cancelled).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The remaining lorries are still tracked by RunAsync; nothing to report here.
        }
    }
}
