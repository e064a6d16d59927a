namespace Blind61.TextileMills;

public readonly record struct LoomSample(int LoomId, double MetresPerHour, int Breaks);

public sealed record ShiftEfficiency(double AverageMetresPerHour, int TotalBreaks, int Looms);

/// <summary>
/// Computes end-of-shift efficiency figures for the weaving shed from the raw loom samples.
/// </summary>
public static class ShiftEfficiencyCalculator
{
    public static ShiftEfficiency Calculate(IReadOnlyList<LoomSample> samples)
    {
        if (samples.Count == 0)
            return new ShiftEfficiency(0, 0, 0);

        var byLoom = samples.GroupBy(s => s.LoomId).ToArray();
        var loomAverages = new double[byLoom.Length];
        double metreTotal = 0;
        int breakTotal = 0;

        Parallel.For(0, byLoom.Length, i =>
        {
            var group = byLoom[i];
            var avg = group.Average(s => s.MetresPerHour);
            loomAverages[i] = avg;
            metreTotal += avg;
            Interlocked.Add(ref breakTotal, group.Sum(s => s.Breaks));
        });

        return new ShiftEfficiency(metreTotal / byLoom.Length, breakTotal, byLoom.Length);
    }

    public static IReadOnlyList<int> SlowLooms(IReadOnlyList<LoomSample> samples, double threshold)
    {
        return samples
            .GroupBy(s => s.LoomId)
            .Where(g => g.Average(s => s.MetresPerHour) < threshold)
            .Select(g => g.Key)
            .OrderBy(id => id)
            .ToList();
    }
}

/// <summary>Produces the nightly shed report.</summary>
public sealed class ShedReportJob
{
    private readonly Func<DateOnly, Task<IReadOnlyList<LoomSample>>> _loadSamples;

    public ShedReportJob(Func<DateOnly, Task<IReadOnlyList<LoomSample>>> loadSamples)
        => _loadSamples = loadSamples;

    public async Task<string> BuildAsync(DateOnly day)
    {
        var samples = await _loadSamples(day);
        var eff = ShiftEfficiencyCalculator.Calculate(samples);
        var slow = ShiftEfficiencyCalculator.SlowLooms(samples, eff.AverageMetresPerHour * 0.8);
        return $"{day:yyyy-MM-dd}: {eff.Looms} looms, avg {eff.AverageMetresPerHour:F1} m/h, " +
               $"{eff.TotalBreaks} breaks, slow: {string.Join(",", slow)}";
    }
}
