namespace Millworks.Grading.Logs;

public enum LogGrade
{
    Veneer = 0,
    Prime = 1,
    Select = 2,
    Common = 3,
    Pulp = 4,
}

public sealed record LogScan(string TagId, double DiameterCm, double LengthM, int KnotCount, double SweepCm);

public sealed record GradedLog(string TagId, LogGrade Grade, double BoardFeet);

/// <summary>
/// Grades the logs scanned at the deck during a shift and produces the yard tally.
/// </summary>
public sealed class ShiftGrader
{
    private readonly int[] _gradeCounts = new int[5];

    public IReadOnlyList<int> GradeCounts => _gradeCounts;

    public IReadOnlyList<GradedLog> GradeShift(IReadOnlyList<LogScan> scans)
    {
        Array.Clear(_gradeCounts);

        var graded = scans
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Select(scan =>
            {
                var grade = Classify(scan);
                _gradeCounts[(int)grade]++;
                return new GradedLog(scan.TagId, grade, BoardFeet(scan));
            })
            .ToList();

        return graded;
    }

    private static LogGrade Classify(LogScan scan)
    {
        if (scan.DiameterCm >= 50 && scan.KnotCount == 0 && scan.SweepCm < 2)
        {
            return LogGrade.Veneer;
        }
        if (scan.DiameterCm >= 40 && scan.KnotCount <= 2)
        {
            return LogGrade.Prime;
        }
        if (scan.DiameterCm >= 30 && scan.KnotCount <= 5)
        {
            return LogGrade.Select;
        }
        return scan.DiameterCm >= 20 ? LogGrade.Common : LogGrade.Pulp;
    }

    // Doyle log rule, converted from metric inputs.
    private static double BoardFeet(LogScan scan)
    {
        var diameterInches = scan.DiameterCm / 2.54;
        var lengthFeet = scan.LengthM * 3.2808;
        var d = diameterInches - 4;
        return d <= 0 ? 0 : d * d * lengthFeet / 16.0;
    }
}
