namespace Millworks.Grading.Yard;

public enum BoardGrade
{
    Clear,
    Select,
    Common,
    Cull,
}

public sealed record SawnBoard(string LogTag, double WidthMm, double LengthM, int Knots, bool Wane);

public sealed record GradedBoard(SawnBoard Board, BoardGrade Grade);

public sealed record YardTally(IReadOnlyDictionary<BoardGrade, int> Counts, int Rejected, IReadOnlyList<GradedBoard> Boards);

/// <summary>
/// Grades the boards coming off the headrig for the shift tally.
/// </summary>
public sealed class BoardGrader
{
    private readonly double _minLengthM;

    public BoardGrader(double minLengthM = 1.8)
    {
        _minLengthM = minLengthM;
    }

    public YardTally GradeShift(IReadOnlyList<SawnBoard> boards)
    {
        int rejected = 0;

        var graded = boards
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Where(b =>
            {
                if (b.LengthM < _minLengthM)
                {
                    Interlocked.Increment(ref rejected);
                    return false;
                }
                return true;
            })
            .Select(b => new GradedBoard(b, Classify(b)))
            .ToList();

        var counts = graded
            .GroupBy(g => g.Grade)
            .ToDictionary(g => g.Key, g => g.Count());

        return new YardTally(counts, rejected, graded);
    }

    private static BoardGrade Classify(SawnBoard board)
    {
        if (board.Knots == 0 && !board.Wane)
        {
            return BoardGrade.Clear;
        }
        if (board.Knots <= 3 && !board.Wane)
        {
            return BoardGrade.Select;
        }
        return board.Knots <= 8 ? BoardGrade.Common : BoardGrade.Cull;
    }
}
