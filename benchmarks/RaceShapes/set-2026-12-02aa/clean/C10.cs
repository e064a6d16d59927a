namespace Blind27.SaltMarsh.Sediment;

public sealed record CoreSample(string Station, double DepthCm, double OrganicMatterPercent);

public sealed record SedimentSurveyResult(IReadOnlyList<CoreSample> Samples, bool StoppedEarly);

/// <summary>
/// Collects sediment cores along a marsh transect until the corer runs out of stations
/// or the survey is called off for the tide.
/// </summary>
public sealed class SedimentCoreCollector
{
    private readonly Func<CancellationToken, Task<CoreSample?>> _takeNextCore;

    public SedimentCoreCollector(Func<CancellationToken, Task<CoreSample?>> takeNextCore) =>
        _takeNextCore = takeNextCore;

    public async Task<SedimentSurveyResult> CollectAsync(CancellationToken stop)
    {
        var samples = new List<CoreSample>();
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = stop.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), stopped);

        while (true)
        {
            var next = _takeNextCore(CancellationToken.None);
            var finished = await Task.WhenAny(next, stopped.Task).ConfigureAwait(false);
            if (finished == stopped.Task)
            {
                // Let the corer finish the current core so the hole can be logged.
                var last = await next.ConfigureAwait(false);
                if (last is not null)
                {
                    samples.Add(last);
                }

                return new SedimentSurveyResult(samples, StoppedEarly: true);
            }

            var sample = await next.ConfigureAwait(false);
            if (sample is null)
            {
                return new SedimentSurveyResult(samples, StoppedEarly: false);
            }

            samples.Add(sample);
        }
    }
}

/// <summary>Runs surveys at several stations at once, stopping all of them at high water.</summary>
public sealed class MarshSurveyDay
{
    public async Task<IReadOnlyList<SedimentSurveyResult>> RunAsync(
        IEnumerable<SedimentCoreCollector> collectors, TimeSpan untilHighWater)
    {
        using var tide = new CancellationTokenSource(untilHighWater);
        var runs = collectors.Select(c => c.CollectAsync(tide.Token)).ToArray();
        return await Task.WhenAll(runs).ConfigureAwait(false);
    }
}
