namespace Blind34.LobsterHatchery.Growth;

public sealed record Tank(int Number, double[] LarvaLengthsMm);

public sealed record GrowthReport(double[] MeanLengthByTank, int TotalLarvae, double OverallMeanMm);

/// <summary>
/// Computes growth figures across all rearing tanks for the weekly
/// hatchery report.
/// </summary>
public static class GrowthCalculator
{
    public static GrowthReport Calculate(IReadOnlyList<Tank> tanks)
    {
        var means = new double[tanks.Count];
        var gate = new object();
        var totalLarvae = 0;
        var totalLength = 0.0;

        Parallel.For(
            0,
            tanks.Count,
            () => (Count: 0, Length: 0.0),
            (i, _, local) =>
            {
                var lengths = tanks[i].LarvaLengthsMm;
                var sum = 0.0;
                foreach (var l in lengths)
                {
                    sum += l;
                }

                means[i] = lengths.Length == 0 ? 0 : sum / lengths.Length;
                return (local.Count + lengths.Length, local.Length + sum);
            },
            local =>
            {
                lock (gate)
                {
                    totalLarvae += local.Count;
                    totalLength += local.Length;
                }
            });

        var overall = totalLarvae == 0 ? 0 : totalLength / totalLarvae;
        return new GrowthReport(means, totalLarvae, overall);
    }

    public static IReadOnlyList<int> SlowTanks(IReadOnlyList<Tank> tanks, double thresholdMm)
    {
        var report = Calculate(tanks);
        var slow = new List<int>();
        for (var i = 0; i < tanks.Count; i++)
        {
            if (report.MeanLengthByTank[i] < thresholdMm)
            {
                slow.Add(tanks[i].Number);
            }
        }

        return slow;
    }
}
