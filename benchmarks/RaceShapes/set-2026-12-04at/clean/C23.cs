namespace Blind46.Tapestry.Cartoons;

public readonly record struct Stitch(int Row, int Column, string ThreadColour, double LengthCm);

public sealed record ThreadRequirement(string Colour, int Stitches, double TotalMetres);

/// <summary>
/// Estimates how much thread of each colour a tapestry cartoon needs. Cartoons run
/// to millions of stitches, so the estimate is computed in parallel.
/// </summary>
public static class ThreadEstimator
{
    public static IReadOnlyList<ThreadRequirement> Estimate(IReadOnlyList<Stitch> stitches, double wastageFactor)
    {
        return stitches
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .GroupBy(s => s.ThreadColour, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ThreadRequirement(
                g.Key,
                g.Count(),
                Math.Round(g.Sum(s => s.LengthCm) * wastageFactor / 100.0, 2)))
            .OrderByDescending(r => r.TotalMetres)
            .ToList();
    }

    public static (double TotalMetres, int LongestRow) Totals(IReadOnlyList<Stitch> stitches)
    {
        return stitches.AsParallel().Aggregate(
            seedFactory: () => (Metres: 0.0, MaxRow: 0),
            updateAccumulatorFunc: (acc, s) => (acc.Metres + s.LengthCm / 100.0, Math.Max(acc.MaxRow, s.Row)),
            combineAccumulatorsFunc: (a, b) => (a.Metres + b.Metres, Math.Max(a.MaxRow, b.MaxRow)),
            resultSelector: acc => (Math.Round(acc.Metres, 2), acc.MaxRow));
    }

    public static int[] StitchesPerRow(IReadOnlyList<Stitch> stitches, int rows)
    {
        var counts = new int[rows];
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, stitches.Count),
            () => new int[rows],
            (range, _, local) =>
            {
                for (int i = range.Item1; i < range.Item2; i++)
                    local[stitches[i].Row]++;
                return local;
            },
            local =>
            {
                for (int r = 0; r < rows; r++)
                {
                    if (local[r] != 0)
                        Interlocked.Add(ref counts[r], local[r]);
                }
            });

        return counts;
    }
}
