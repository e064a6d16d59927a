namespace Blind28.SheepdogTrials.Judging;

public sealed record RunSheet(int RunOrder, string Handler, string Dog, int OutrunPoints, int LiftPoints, int FetchPoints, int DrivePoints, int PenPoints, TimeSpan Time);

public sealed class TrialResults
{
    public TrialResults(int runs)
    {
        Totals = new int[runs];
        Flags = new string?[runs];
    }

    public int[] Totals { get; }
    public string?[] Flags { get; }
}

/// <summary>
/// Scores a trial's runs after the judge's sheets have been keyed in. Each run is
/// checked on its own task; results are written into the shared results object.
/// </summary>
public sealed class TrialScorer
{
    private readonly TimeSpan _courseTime;

    public TrialScorer(TimeSpan courseTime)
    {
        _courseTime = courseTime;
    }

    public async Task<IReadOnlyList<(string Handler, string Dog, int Total, string? Flag)>> ScoreAsync(IReadOnlyList<RunSheet> sheets)
    {
        var results = new TrialResults(sheets.Count);
        var tasks = new Task[sheets.Count];

        for (var i = 0; i < sheets.Count; i++)
        {
            var index = i;
            tasks[i] = Task.Run(() => ScoreRun(sheets[index], index));
        }

        await Task.WhenAll(tasks);

        return sheets
            .Select((s, i) => (s.Handler, s.Dog, results.Totals[i], results.Flags[i]))
            .OrderByDescending(r => r.Item3)
            .ToList();

        void ScoreRun(RunSheet sheet, int slot)
        {
            var total = sheet.OutrunPoints + sheet.LiftPoints + sheet.FetchPoints + sheet.DrivePoints + sheet.PenPoints;
            string? flag = null;
            if (sheet.Time > _courseTime)
            {
                flag = "timed out";
            }
            else if (total > 110)
            {
                flag = "check sheet";
                total = Math.Min(total, 110);
            }

            results.Totals[slot] = total;
            results.Flags[slot] = flag;
        }
    }
}
