using System.Collections.Concurrent;

namespace Blind57.StreetFood.Inspections;

public sealed record Stall(string Id, string Trader, string Cuisine);
public sealed record StallResult(string StallId, int Score, bool Passed, string? Notes);
public sealed record InspectionSummary(int Inspected, IReadOnlyList<StallResult> Failures, double AverageScore);

public interface IHygieneInspector
{
    Task<StallResult> InspectAsync(Stall stall, CancellationToken ct);
}

/// <summary>
/// Runs the weekly hygiene inspection across every stall at the street food market, a few at a
/// time, and reports progress to the market manager's screen.
/// </summary>
public sealed class InspectionRunner
{
    private readonly IHygieneInspector _inspector;
    private readonly int _parallelism;

    public InspectionRunner(IHygieneInspector inspector, int parallelism = 4)
    {
        _inspector = inspector;
        _parallelism = parallelism;
    }

    public async Task<InspectionSummary> RunAsync(IReadOnlyList<Stall> stalls, IProgress<int>? progress, CancellationToken ct)
    {
        var failures = new ConcurrentBag<StallResult>();
        int completed = 0;
        long totalScore = 0;

        var options = new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(stalls, options, async (stall, token) =>
        {
            var result = await _inspector.InspectAsync(stall, token);
            Interlocked.Add(ref totalScore, result.Score);
            if (!result.Passed)
            {
                failures.Add(result);
            }
            progress?.Report(Interlocked.Increment(ref completed));
        });

        double average = stalls.Count == 0 ? 0 : (double)totalScore / stalls.Count;
        return new InspectionSummary(stalls.Count, failures.OrderBy(f => f.StallId).ToList(), average);
    }

    /// <summary>Re-inspects the failed stalls; all of them at once since there are usually only a few.</summary>
    public async Task<IReadOnlyList<StallResult>> RecheckAsync(IEnumerable<Stall> failed, CancellationToken ct)
    {
        var results = await Task.WhenAll(failed.Select(s => _inspector.InspectAsync(s, ct)));
        return results;
    }
}
