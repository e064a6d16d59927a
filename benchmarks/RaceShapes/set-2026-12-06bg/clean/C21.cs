using System.Collections.Immutable;

namespace Blind59.Orienteering.Results;

public sealed record Punch(int ControlCode, TimeSpan At);

public sealed record CardReadout(string SiCard, string Runner, string Club, string Course, TimeSpan Start, TimeSpan Finish, ImmutableArray<Punch> Punches);

public sealed record CourseResult(string Runner, string Club, TimeSpan? Time, string Status, ImmutableArray<TimeSpan> Splits);

/// <summary>
/// Works out results from the SportIdent card readouts once the last runner is in.
/// Course definitions are fixed for the event.
/// </summary>
public sealed class ResultsCalculator
{
    private readonly ImmutableDictionary<string, ImmutableArray<int>> _courses;

    public ResultsCalculator(IReadOnlyDictionary<string, int[]> courses)
    {
        _courses = courses.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray());
    }

    public ImmutableDictionary<string, ImmutableArray<CourseResult>> Calculate(IEnumerable<CardReadout> readouts)
    {
        return readouts
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Where(r => _courses.ContainsKey(r.Course))
            .Select(r => (r.Course, Result: Score(r, _courses[r.Course])))
            .GroupBy(x => x.Course)
            .ToImmutableDictionary(
                g => g.Key,
                g => g.Select(x => x.Result)
                      .OrderBy(x => x.Time is null)
                      .ThenBy(x => x.Time)
                      .ToImmutableArray());
    }

    private static CourseResult Score(CardReadout card, ImmutableArray<int> controls)
    {
        var splits = ImmutableArray.CreateBuilder<TimeSpan>(controls.Length);
        int next = 0;
        var previous = card.Start;

        foreach (var punch in card.Punches)
        {
            if (next < controls.Length && punch.ControlCode == controls[next])
            {
                splits.Add(punch.At - previous);
                previous = punch.At;
                next++;
            }
        }

        if (next < controls.Length)
        {
            return new CourseResult(card.Runner, card.Club, null, $"MP (missing {controls[next]})", splits.ToImmutable());
        }

        splits.Add(card.Finish - previous);
        return new CourseResult(card.Runner, card.Club, card.Finish - card.Start, "OK", splits.ToImmutable());
    }
}

public static class ResultsCommand
{
    public static void Print(ResultsCalculator calculator, IEnumerable<CardReadout> readouts, TextWriter output)
    {
        foreach (var (course, results) in calculator.Calculate(readouts).OrderBy(kv => kv.Key))
        {
            output.WriteLine($"== {course} ==");
            int place = 1;
            foreach (var r in results)
            {
                var pos = r.Time is null ? "   " : $"{place++,3}";
                output.WriteLine($"{pos} {r.Runner,-24} {r.Club,-8} {r.Time?.ToString(@"h\:mm\:ss") ?? r.Status}");
            }
        }
    }
}
