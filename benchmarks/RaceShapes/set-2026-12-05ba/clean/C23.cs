using System.Globalization;

namespace Blind53.WoolDyeing.Fastness;

public sealed record SkeinTest(string Batch, string Dye, double DeltaEBeforeWash, double DeltaEAfterWash, double LightExposureHours);

public sealed record BatchGrade(string Batch, double MeanShift, int Grade, int Skeins);

/// <summary>
/// Command-line tool that grades colour fastness for each dye batch from the lab's
/// spectrophotometer export. Usage: fastness &lt;csv&gt; [--min-grade N]
/// </summary>
public static class FastnessGradeTool
{
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length == 0)
        {
            output.WriteLine("usage: fastness <csv> [--min-grade N]");
            return 64;
        }

        int minGrade = 1;
        int flag = Array.IndexOf(args, "--min-grade");
        if (flag >= 0 && flag + 1 < args.Length)
        {
            minGrade = int.Parse(args[flag + 1], CultureInfo.InvariantCulture);
        }

        var tests = File.ReadLines(args[0]).Skip(1).Select(Parse).Where(t => t is not null).Select(t => t!).ToList();
        var grades = Grade(tests);

        int failing = 0;
        foreach (var grade in grades)
        {
            output.WriteLine($"{grade.Batch,-12} grade {grade.Grade} (mean shift {grade.MeanShift:0.00}, {grade.Skeins} skeins)");
            if (grade.Grade < minGrade)
            {
                failing++;
            }
        }

        return failing == 0 ? 0 : 1;
    }

    public static IReadOnlyList<BatchGrade> Grade(IEnumerable<SkeinTest> tests)
    {
        return tests
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount / 2))
            .GroupBy(t => t.Batch)
            .Select(g =>
            {
                var shifts = g.Select(Shift).ToArray();
                double mean = shifts.Average();
                return new BatchGrade(g.Key, mean, ToGrade(mean), shifts.Length);
            })
            .OrderBy(b => b.Batch, StringComparer.Ordinal)
            .ToList();
    }

    private static double Shift(SkeinTest test)
    {
        double washShift = Math.Abs(test.DeltaEAfterWash - test.DeltaEBeforeWash);
        double lightFactor = 1 + Math.Log10(1 + test.LightExposureHours) / 4;
        return washShift * lightFactor;
    }

    private static int ToGrade(double shift) => shift switch
    {
        < 0.8 => 5,
        < 1.7 => 4,
        < 3.4 => 3,
        < 6.8 => 2,
        _ => 1,
    };

    private static SkeinTest? Parse(string line)
    {
        var cells = line.Split(',');
        if (cells.Length < 5)
        {
            return null;
        }

        return new SkeinTest(
            cells[0],
            cells[1],
            double.Parse(cells[2], CultureInfo.InvariantCulture),
            double.Parse(cells[3], CultureInfo.InvariantCulture),
            double.Parse(cells[4], CultureInfo.InvariantCulture));
    }
}
