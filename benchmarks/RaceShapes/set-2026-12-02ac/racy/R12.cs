namespace Blind29.Sawmill.Grading;

public sealed record Board(string LogId, double LengthM, double WidthMm, double ThicknessMm, int KnotCount, bool Wane);

public enum Grade { Prime, Select, Standard, Reject }

/// <summary>
/// Grades boards coming off the headrig and keeps shift totals. One instance per
/// mill; the three optical scanners on the green chain each call <see cref="Record"/>
/// from their own capture thread.
/// </summary>
public sealed class ShiftTally
{
    private long _boardsGraded;
    private long _primeCount;
    private int _rejected;
    private double _cubicMetres;
    private readonly object _volumeLock = new();

    public Grade Record(Board board)
    {
        var grade = Classify(board);
        Interlocked.Increment(ref _boardsGraded);

        switch (grade)
        {
            case Grade.Prime:
                Interlocked.Increment(ref _primeCount);
                break;
            case Grade.Reject:
                _rejected++;
                return grade;
        }

        var volume = board.LengthM * board.WidthMm / 1000 * board.ThicknessMm / 1000;
        lock (_volumeLock)
        {
            _cubicMetres += volume;
        }

        return grade;
    }

    public ShiftSummary Summary()
    {
        double volume;
        lock (_volumeLock)
        {
            volume = _cubicMetres;
        }

        return new ShiftSummary(
            Interlocked.Read(ref _boardsGraded),
            Interlocked.Read(ref _primeCount),
            Volatile.Read(ref _rejected),
            volume);
    }

    private static Grade Classify(Board b)
    {
        if (b.Wane && b.KnotCount > 6) return Grade.Reject;
        if (b.KnotCount == 0 && !b.Wane) return Grade.Prime;
        if (b.KnotCount <= 3) return Grade.Select;
        return b.LengthM < 1.8 ? Grade.Reject : Grade.Standard;
    }
}

public sealed record ShiftSummary(long Boards, long Prime, int Rejected, double CubicMetres);
