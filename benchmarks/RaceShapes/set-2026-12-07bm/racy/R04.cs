using System.Collections.Generic;
using System.Linq;

namespace Blind65.GoatDairies.Grading;

/// <summary>
/// Grades a day's milk samples against the cooperative's somatic cell thresholds.
/// </summary>
public sealed class MilkSampleGrader
{
    private readonly int _maxSomaticCells;
    private readonly double _minButterfat;

    public MilkSampleGrader(int maxSomaticCells, double minButterfat)
    {
        _maxSomaticCells = maxSomaticCells;
        _minButterfat = minButterfat;
    }

    public GradingResult Grade(IReadOnlyList<MilkSample> samples)
    {
        var rejectedLitres = 0.0;

        var accepted = samples
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Where(sample =>
            {
                var ok = sample.SomaticCellCount <= _maxSomaticCells && sample.ButterfatPercent >= _minButterfat;
                if (!ok)
                {
                    rejectedLitres += sample.Litres;
                }
                return ok;
            })
            .Select(sample => new GradedSample(sample.GoatTag, sample.Litres, Classify(sample)))
            .ToList();

        return new GradingResult(accepted, rejectedLitres);
    }

    private static string Classify(MilkSample sample) => sample.ButterfatPercent switch
    {
        >= 4.5 => "A",
        >= 3.8 => "B",
        _ => "C",
    };
}

public sealed record MilkSample(string GoatTag, double Litres, int SomaticCellCount, double ButterfatPercent);

public sealed record GradedSample(string GoatTag, double Litres, string Grade);

public sealed record GradingResult(IReadOnlyList<GradedSample> Accepted, double RejectedLitres);

public static class DailyGradingReport
{
    public static string Summarise(GradingResult result)
    {
        var acceptedLitres = result.Accepted.Sum(s => s.Litres);
        var byGrade = result.Accepted
            .GroupBy(s => s.Grade)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {g.Sum(s => s.Litres):F1} L");
        return $"Accepted {acceptedLitres:F1} L, rejected {result.RejectedLitres:F1} L ({string.Join(", ", byGrade)})";
    }
}
