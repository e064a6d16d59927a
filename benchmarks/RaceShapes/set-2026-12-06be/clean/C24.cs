namespace Blind57.HedgeLaying.Survey;

public sealed record HedgeSection(string Field, double LengthMetres, int Stems, double AverageStemAge, bool HasGaps);
public sealed record SectionScore(string Field, double Score, string Recommendation);

/// <summary>Progress printer for the survey tool; writes a line every ten sections.</summary>
public sealed class ConsoleSurveyProgress : IProgress<int>
{
    private readonly object _gate = new();
    private readonly int _total;
    private readonly TextWriter _out;
    private int _highest;

    public ConsoleSurveyProgress(int total, TextWriter output)
    {
        _total = total;
        _out = output;
    }

    public void Report(int value)
    {
        lock (_gate)
        {
            if (value <= _highest) return;
            _highest = value;
            if (value % 10 == 0 || value == _total)
            {
                _out.WriteLine($"Scored {value}/{_total} hedge sections");
            }
        }
    }
}

/// <summary>
/// Command-line tool that scores hedgerows for the laying course's practice sites, using all
/// cores for the scoring.
/// </summary>
public static class HedgeSurveyTool
{
    public static int Run(string[] args, TextWriter output, CancellationToken ct)
    {
        if (args.Length < 1)
        {
            output.WriteLine("usage: hedge-survey <sections.csv>");
            return 2;
        }

        var sections = File.ReadLines(args[0]).Skip(1).Select(Parse).ToList();
        var progress = new ConsoleSurveyProgress(sections.Count, output);
        int done = 0;

        var scores = sections
            .AsParallel()
            .WithCancellation(ct)
            .AsOrdered()
            .Select(section =>
            {
                var score = Score(section);
                progress.Report(Interlocked.Increment(ref done));
                return score;
            })
            .ToList();

        foreach (var s in scores.Where(s => s.Score >= 6).OrderByDescending(s => s.Score))
        {
            output.WriteLine($"{s.Field,-20} {s.Score,5:F1}  {s.Recommendation}");
        }
        return 0;
    }

    private static HedgeSection Parse(string line)
    {
        var p = line.Split(',');
        return new HedgeSection(p[0], double.Parse(p[1]), int.Parse(p[2]), double.Parse(p[3]), p[4] == "1");
    }

    private static SectionScore Score(HedgeSection s)
    {
        double density = s.Stems / Math.Max(1, s.LengthMetres);
        double score = Math.Clamp(density * 2, 0, 5) + Math.Clamp(s.AverageStemAge / 4, 0, 4) + (s.HasGaps ? 0 : 1);
        string advice = s.AverageStemAge switch
        {
            < 8 => "leave to grow on",
            < 15 => "lay this winter",
            _ => s.HasGaps ? "coppice and replant gaps" : "lay, Midland style",
        };
        return new SectionScore(s.Field, score, advice);
    }
}
