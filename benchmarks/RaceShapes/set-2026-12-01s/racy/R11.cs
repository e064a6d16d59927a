namespace WindTunnel.Rig;

/// <summary>
/// One scan of the pressure-tap scanner: one value per tap, in pascals relative to
/// the tunnel static pressure.
/// </summary>
public sealed class PressureScan
{
    public PressureScan(int runNumber, double[] pascals)
    {
        RunNumber = runNumber;
        Pascals = pascals;
    }

    public int RunNumber { get; }
    public double[] Pascals { get; }
}

public sealed record RunStatistics(double[] MeanPascals, double[] Cp, double PeakSuctionPascals);

public static class ScanAnalysis
{
    /// <summary>
    /// Reduces a run's scans to per-tap means and pressure coefficients. Taps are
    /// processed in parallel because a full wing model has several hundred of them.
    /// </summary>
    public static RunStatistics Analyze(IReadOnlyList<PressureScan> scans, double dynamicPressure)
    {
        if (scans.Count == 0)
            throw new ArgumentException("Run has no scans.", nameof(scans));
        if (dynamicPressure <= 0)
            throw new ArgumentOutOfRangeException(nameof(dynamicPressure));

        int tapCount = scans[0].Pascals.Length;
        var means = new double[tapCount];
        var cp = new double[tapCount];
        double peakSuction = 0;

        Parallel.For(0, tapCount, tap =>
        {
            double sum = 0;
            for (int s = 0; s < scans.Count; s++)
            {
                double p = scans[s].Pascals[tap];
                sum += p;
                if (p < peakSuction)
                    peakSuction = p;
            }

            means[tap] = sum / scans.Count;
            cp[tap] = means[tap] / dynamicPressure;
        });

        return new RunStatistics(means, cp, peakSuction);
    }

    public static int[] FindSeparatedTaps(RunStatistics stats, double cpThreshold)
    {
        var taps = new List<int>();
        for (int i = 1; i < stats.Cp.Length; i++)
        {
            // A flat Cp plateau after the suction peak is the usual sign of separation.
            if (Math.Abs(stats.Cp[i] - stats.Cp[i - 1]) < 0.01 && stats.Cp[i] < cpThreshold)
                taps.Add(i);
        }
        return taps.ToArray();
    }
}
