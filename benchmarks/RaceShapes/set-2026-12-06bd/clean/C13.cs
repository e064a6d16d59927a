using System.Collections.Concurrent;

namespace Blind56.TyreFitters.Sizing;

public readonly record struct TyreSize(int WidthMm, int AspectRatio, int RimInches)
{
    public override string ToString() => $"{WidthMm}/{AspectRatio}R{RimInches}";
}

/// <summary>
/// Works out rolling circumference and speedometer error for tyre size swaps.
/// The fitment checker runs many size comparisons in parallel and the results are
/// memoised for the lifetime of the app.
/// </summary>
public sealed class RollingCircumferenceCalculator
{
    private readonly ConcurrentDictionary<TyreSize, Lazy<double>> _memo = new();
    private long _hits;
    private long _misses;

    public double CircumferenceMm(TyreSize size)
    {
        var fresh = new Lazy<double>(() => Compute(size), LazyThreadSafetyMode.ExecutionAndPublication);
        var lazy = _memo.GetOrAdd(size, fresh);
        if (ReferenceEquals(lazy, fresh))
        {
            Interlocked.Increment(ref _misses);
        }
        else
        {
            Interlocked.Increment(ref _hits);
        }

        return lazy.Value;
    }

    public double SpeedoErrorPercent(TyreSize original, TyreSize replacement)
    {
        double a = CircumferenceMm(original);
        double b = CircumferenceMm(replacement);
        return (b - a) / a * 100.0;
    }

    public (long Hits, long Misses) Stats => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    private static double Compute(TyreSize size)
    {
        double sidewall = size.WidthMm * size.AspectRatio / 100.0;
        double diameter = size.RimInches * 25.4 + 2 * sidewall;
        // Loaded tyres deflect a little; the workshop tables use a 3% squat allowance.
        return Math.PI * diameter * 0.97;
    }
}

public static class FitmentChecker
{
    public static IReadOnlyList<(TyreSize Candidate, double ErrorPercent)> Alternatives(
        RollingCircumferenceCalculator calculator, TyreSize original, IEnumerable<TyreSize> candidates, double maxErrorPercent)
    {
        var results = new ConcurrentBag<(TyreSize, double)>();
        Parallel.ForEach(candidates, candidate =>
        {
            double error = calculator.SpeedoErrorPercent(original, candidate);
            if (Math.Abs(error) <= maxErrorPercent)
            {
                results.Add((candidate, error));
            }
        });

        return results.OrderBy(r => Math.Abs(r.Item2)).ToList();
    }
}
