namespace Blind32.LumberMill.Kiln;

public sealed record Board(string Species, double MoisturePercent, double LengthMetres);

/// <summary>
/// Counters for the drying kiln's grading station. The grading threads update
/// them for every board and the mill office reads and resets them at the end
/// of each shift while grading carries on.
/// </summary>
public sealed class GradingCounters
{
    private long _boardsGraded;
    private long _boardsRejected;
    private long _linearMillimetres;

    public void RecordGraded(Board board)
    {
        Interlocked.Increment(ref _boardsGraded);
        Interlocked.Add(ref _linearMillimetres, (long)Math.Round(board.LengthMetres * 1000));
    }

    public void RecordRejected() => Interlocked.Increment(ref _boardsRejected);

    public long BoardsGraded => Interlocked.Read(ref _boardsGraded);

    public long BoardsRejected => Interlocked.Read(ref _boardsRejected);

    public double LinearMetres => Interlocked.Read(ref _linearMillimetres) / 1000.0;

    /// <summary>Returns the shift totals and starts counting the next shift from zero.</summary>
    public (long Graded, long Rejected, double Metres) TakeShiftTotals()
    {
        var graded = Interlocked.Exchange(ref _boardsGraded, 0);
        var rejected = Interlocked.Exchange(ref _boardsRejected, 0);
        var millimetres = Interlocked.Exchange(ref _linearMillimetres, 0);
        return (graded, rejected, millimetres / 1000.0);
    }
}

/// <summary>Grades boards coming out of the kiln on several threads.</summary>
public sealed class GradingStation
{
    private const double MaxMoisture = 19.0;
    private readonly GradingCounters _counters;

    public GradingStation(GradingCounters counters) => _counters = counters;

    public void GradeBatch(IEnumerable<Board> boards)
    {
        Parallel.ForEach(boards, board =>
        {
            if (board.MoisturePercent > MaxMoisture || board.LengthMetres < 0.5)
            {
                _counters.RecordRejected();
                return;
            }

            _counters.RecordGraded(board);
        });
    }

    public Task StartShiftReportTimerAsync(TimeSpan shiftLength, Action<string> publish, CancellationToken ct) =>
        Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(shiftLength);
            while (await timer.WaitForNextTickAsync(ct))
            {
                var (graded, rejected, metres) = _counters.TakeShiftTotals();
                publish($"shift: {graded} graded, {rejected} rejected, {metres:F1} m");
            }
        }, ct);
}
