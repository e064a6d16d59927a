using System.Collections.Concurrent;

namespace Blind38.OysterFarm.Grading;

public sealed class OysterTray
{
    public OysterTray(string lease, double[] shellLengthsMm)
    {
        Lease = lease;
        ShellLengthsMm = shellLengthsMm;
    }

    public string Lease { get; }
    public double[] ShellLengthsMm { get; }
    public int[] CountsByGrade { get; } = new int[4];
}

/// <summary>
/// Two-stage grading line: the intake thread measures trays and hands them to the grading
/// stage, which sorts each oyster into a size grade and passes the tray to packing.
/// </summary>
public sealed class GradingLine
{
    private static readonly double[] GradeLimitsMm = { 60, 75, 90 };

    private readonly BlockingCollection<OysterTray> _toGrade = new(boundedCapacity: 8);
    private readonly BlockingCollection<OysterTray> _toPack = new(boundedCapacity: 8);

    public async Task<IReadOnlyList<OysterTray>> RunAsync(IEnumerable<(string Lease, double[] Lengths)> intake)
    {
        var intakeTask = Task.Run(() =>
        {
            try
            {
                foreach (var (lease, lengths) in intake)
                {
                    _toGrade.Add(new OysterTray(lease, lengths));
                }
            }
            finally
            {
                _toGrade.CompleteAdding();
            }
        });

        var gradeTask = Task.Run(() =>
        {
            try
            {
                foreach (var tray in _toGrade.GetConsumingEnumerable())
                {
                    foreach (var length in tray.ShellLengthsMm)
                    {
                        tray.CountsByGrade[GradeOf(length)]++;
                    }

                    _toPack.Add(tray);
                }
            }
            finally
            {
                _toPack.CompleteAdding();
            }
        });

        var packed = new List<OysterTray>();
        var packTask = Task.Run(() =>
        {
            foreach (var tray in _toPack.GetConsumingEnumerable())
            {
                packed.Add(tray);
            }
        });

        await Task.WhenAll(intakeTask, gradeTask, packTask).ConfigureAwait(false);
        return packed;
    }

    private static int GradeOf(double lengthMm)
    {
        for (var g = 0; g < GradeLimitsMm.Length; g++)
        {
            if (lengthMm < GradeLimitsMm[g])
            {
                return g;
            }
        }

        return GradeLimitsMm.Length;
    }
}
