namespace Blind38.Circus.Rigging;

public sealed record RiggingCheck(string Apparatus, bool Passed, double LoadKn, string Inspector);

public interface ILoadCellReader
{
    Task<double> MeasurePeakLoadAsync(string apparatus, CancellationToken ct);
}

/// <summary>
/// Pre-show safety check for aerial rigging. A load test is run on each point; if the load
/// cell does not answer within the allowed time the apparatus is marked as failed and the
/// act is held back.
/// </summary>
public sealed class RiggingSafetyCheck
{
    private readonly ILoadCellReader _loadCells;
    private readonly TimeSpan _timeout;

    public RiggingSafetyCheck(ILoadCellReader loadCells, TimeSpan timeout)
    {
        _loadCells = loadCells;
        _timeout = timeout;
    }

    public async Task<RiggingCheck> CheckAsync(string apparatus, double workingLoadKn, string inspector, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var measure = _loadCells.MeasurePeakLoadAsync(apparatus, cts.Token);
        var timeout = Task.Delay(_timeout, cts.Token);

        var winner = await Task.WhenAny(measure, timeout).ConfigureAwait(false);
        cts.Cancel();

        try
        {
            await Task.WhenAll(measure, timeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Whichever side lost was cancelled above.
        }
        catch (Exception) when (winner != measure)
        {
            // The load cell failed after we had already given up on it.
        }

        ct.ThrowIfCancellationRequested();

        if (winner != measure || !measure.IsCompletedSuccessfully)
        {
            return new RiggingCheck(apparatus, false, double.NaN, inspector);
        }

        var peak = measure.Result;
        // Test load must reach 1.5x the working load without exceeding the rated 2x.
        var passed = peak >= 1.5 * workingLoadKn && peak <= 2.0 * workingLoadKn;
        return new RiggingCheck(apparatus, passed, peak, inspector);
    }

    public async Task<IReadOnlyList<RiggingCheck>> CheckAllAsync(
        IReadOnlyDictionary<string, double> workingLoads, string inspector, CancellationToken ct)
    {
        var checks = workingLoads.Select(p => CheckAsync(p.Key, p.Value, inspector, ct));
        var results = await Task.WhenAll(checks).ConfigureAwait(false);
        return results.OrderBy(r => r.Passed).ThenBy(r => r.Apparatus).ToList();
    }
}
