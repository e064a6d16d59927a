namespace Blind32.LumberMill.SawLine;

public sealed record SawLog(string Tag, double LengthMetres, double DiameterCm, bool NeedsRipping);

/// <summary>
/// Runs one shift of logs through the saw line. Logs are processed in parallel
/// across the available head rigs, and the operator panel polls
/// <see cref="BoardsCut"/> while the shift is running.
/// </summary>
public sealed class SawLineShift
{
    private readonly int _rigCount;
    private int _boardsCut;
    private int _logsRejected;

    public SawLineShift(int rigCount) => _rigCount = rigCount;

    public int BoardsCut => Volatile.Read(ref _boardsCut);

    public int LogsRejected => Volatile.Read(ref _logsRejected);

    public void Run(IReadOnlyList<SawLog> logs, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = _rigCount,
            CancellationToken = cancellationToken,
        };

        Parallel.ForEach(logs, options, log =>
        {
            if (log.DiameterCm < 12)
            {
                Interlocked.Increment(ref _logsRejected);
                return;
            }

            if (log.NeedsRipping)
            {
                var pieces = Rip(log);
                _boardsCut += pieces;
            }
            else
            {
                Crosscut(log);
                Interlocked.Increment(ref _boardsCut);
            }
        });
    }

    private static int Rip(SawLog log)
    {
        // Roughly one board per 5 cm of diameter after slabbing.
        var boards = Math.Max(1, (int)((log.DiameterCm - 8) / 5));
        Thread.SpinWait(500 * boards);
        return boards;
    }

    private static void Crosscut(SawLog log)
    {
        Thread.SpinWait((int)(log.LengthMetres * 200));
    }
}

public static class ShiftReport
{
    public static string Summarize(SawLineShift shift) =>
        $"{shift.BoardsCut} boards cut, {shift.LogsRejected} logs rejected";
}
