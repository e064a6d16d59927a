namespace Blind36.OysterHatchery.Counting;

public sealed record SettlingTank(string Id, int SampleMillilitres, int[] SampleCounts, double VolumeLitres);

/// <summary>Progress for a counting run, shown on the hatchery dashboard.</summary>
public sealed class HatcheryProgress
{
    public int TanksCounted;
    public long EstimatedLarvae;
    public int TotalTanks;
}

public sealed class LarvaeCensus
{
    private readonly IProgress<int>? _reporter;

    public LarvaeCensus(IProgress<int>? tanksDone = null) => _reporter = tanksDone;

    /// <summary>
    /// Estimates the larvae in each tank from its microscope sample counts and
    /// adds them up across the whole hatchery.
    /// </summary>
    public HatcheryProgress Run(IReadOnlyList<SettlingTank> tanks)
    {
        var progress = new HatcheryProgress { TotalTanks = tanks.Count };

        Parallel.For(0, tanks.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var tank = tanks[i];
            long estimate = Estimate(tank);

            progress.EstimatedLarvae += estimate;
            int done = Interlocked.Increment(ref progress.TanksCounted);

            _reporter?.Report(done);
        });

        return progress;
    }

    private static long Estimate(SettlingTank tank)
    {
        if (tank.SampleCounts.Length == 0)
            return 0;

        double meanPerSample = tank.SampleCounts.Average();
        double perMillilitre = meanPerSample / tank.SampleMillilitres;
        return (long)Math.Round(perMillilitre * tank.VolumeLitres * 1000.0);
    }
}

public static class CensusReport
{
    public static string Format(HatcheryProgress p) =>
        $"{p.TanksCounted}/{p.TotalTanks} tanks, about {p.EstimatedLarvae:N0} larvae";
}
