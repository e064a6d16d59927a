namespace Blind28.SubmarineCable.Survey;

public sealed record FaultLocation(string Segment, double KilometresFromLanding, double DepthMetres, string Method);

/// <summary>
/// Waits for the shore station's OTDR trace to locate a cable fault before the repair
/// ship is routed. The trace analysis finishes on the shore station's worker thread.
/// </summary>
public sealed class FaultLocator
{
    private readonly TaskCompletionSource<FaultLocation> _located = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private double _confidence;
    private string? _analyst;

    public Task<FaultLocation> Location => _located.Task;

    /// <summary>Called once by the trace analysis worker.</summary>
    public void Report(FaultLocation location, double confidence, string analyst)
    {
        _confidence = confidence;
        _analyst = analyst;
        _located.TrySetResult(location);
    }

    public void Fail(Exception error) => _located.TrySetException(error);

    public async Task<string> DescribeAsync(CancellationToken ct)
    {
        var location = await _located.Task.WaitAsync(ct).ConfigureAwait(false);
        return $"{location.Segment} at {location.KilometresFromLanding:F1} km, {location.DepthMetres:F0} m " +
               $"({location.Method}, {_confidence:P0}, {_analyst})";
    }
}

public sealed class ShoreStation
{
    public FaultLocator StartTraceAnalysis(string segment, double[] reflectance, double kmPerSample)
    {
        var locator = new FaultLocator();
        var worker = new Thread(() =>
        {
            try
            {
                var worst = 0;
                for (var i = 1; i < reflectance.Length; i++)
                {
                    if (reflectance[i] > reflectance[worst])
                    {
                        worst = i;
                    }
                }

                var km = worst * kmPerSample;
                var confidence = reflectance.Length == 0 ? 0 : Math.Min(1.0, reflectance[worst] / (reflectance.Average() * 10));
                locator.Report(new FaultLocation(segment, km, EstimateDepth(km), "OTDR"), confidence, Environment.UserName);
            }
            catch (Exception ex)
            {
                locator.Fail(ex);
            }
        })
        {
            IsBackground = true,
            Name = $"otdr-{segment}",
        };
        worker.Start();
        return locator;
    }

    private static double EstimateDepth(double km) => km < 20 ? km * 15 : Math.Min(5500, 300 + km * 4);
}
