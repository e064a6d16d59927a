namespace Blind58.ZipLineHealth;

public enum HealthState { Healthy, Degraded, Unhealthy }

public sealed record CheckResult(string Name, HealthState State, string? Detail, TimeSpan Took);

public interface IZipLineCheck
{
    string Name { get; }
    Task<(HealthState State, string? Detail)> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Aggregates the zip-line park's equipment checks (brake sensors, trolley counters,
/// harness RFID gates, weather station) into one status for the ops dashboard. All checks
/// run concurrently with an individual timeout.
/// </summary>
public sealed class ParkHealthAggregator
{
    private readonly IReadOnlyList<IZipLineCheck> _checks;
    private readonly TimeSpan _perCheckTimeout;

    public ParkHealthAggregator(IReadOnlyList<IZipLineCheck> checks, TimeSpan perCheckTimeout)
    {
        _checks = checks;
        _perCheckTimeout = perCheckTimeout;
    }

    public async Task<(HealthState Overall, IReadOnlyList<CheckResult> Results)> CheckAsync(CancellationToken cancellationToken)
    {
        var results = new CheckResult[_checks.Count];
        var running = new Task[_checks.Count];

        for (int i = 0; i < _checks.Count; i++)
        {
            int slot = i;
            running[slot] = Task.Run(async () => results[slot] = await RunOneAsync(_checks[slot], cancellationToken).ConfigureAwait(false));
        }

        await Task.WhenAll(running).ConfigureAwait(false);

        var overall = results.Max(r => r.State);
        return (overall, results);
    }

    private async Task<CheckResult> RunOneAsync(IZipLineCheck check, CancellationToken cancellationToken)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_perCheckTimeout);
        try
        {
            var (state, detail) = await check.RunAsync(timeout.Token).ConfigureAwait(false);
            return new CheckResult(check.Name, state, detail, System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(check.Name, HealthState.Unhealthy, "timed out", System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
        catch (Exception ex)
        {
            return new CheckResult(check.Name, HealthState.Unhealthy, ex.Message, System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }
    }
}

/// <summary>Brake sensor check: all magnetic brakes must report within tolerance.</summary>
public sealed class BrakeSensorCheck : IZipLineCheck
{
    private readonly Func<CancellationToken, Task<double[]>> _readGaps;

    public BrakeSensorCheck(Func<CancellationToken, Task<double[]>> readGaps) => _readGaps = readGaps;

    public string Name => "brakes";

    public async Task<(HealthState State, string? Detail)> RunAsync(CancellationToken cancellationToken)
    {
        var gaps = await _readGaps(cancellationToken).ConfigureAwait(false);
        int outOfTolerance = gaps.Count(g => g is < 2.0 or > 6.0);
        return outOfTolerance switch
        {
            0 => (HealthState.Healthy, null),
            1 => (HealthState.Degraded, "one brake gap out of tolerance"),
            _ => (HealthState.Unhealthy, $"{outOfTolerance} brake gaps out of tolerance"),
        };
    }
}
