namespace Blind34.KiteFestival.Judging;

public sealed record JudgeScore(string Judge, string Flyer, double Points);

public interface IJudgeTablet
{
    string Judge { get; }
    Task<double> SubmitAsync(string flyer, CancellationToken ct);
}

/// <summary>
/// Collects scores from the judges' tablets for a kite ballet routine. Scores
/// that arrive before the deadline are used; late tablets are ignored.
/// </summary>
public sealed class RoutineScorer
{
    private readonly TimeSpan _deadline;

    public RoutineScorer(TimeSpan deadline) => _deadline = deadline;

    public async Task<(double Average, IReadOnlyList<JudgeScore> Scores)> ScoreAsync(
        string flyer, IReadOnlyList<IJudgeTablet> tablets, CancellationToken ct)
    {
        using var lateCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var submissions = tablets
            .Select(t => (t.Judge, Task: t.SubmitAsync(flyer, lateCts.Token)))
            .ToList();

        var all = Task.WhenAll(submissions.Select(s => s.Task));
        var finishedFirst = await Task.WhenAny(all, Task.Delay(_deadline, ct)).ConfigureAwait(false);
        if (finishedFirst != all)
        {
            lateCts.Cancel();
        }

        var scores = new List<JudgeScore>(submissions.Count);
        foreach (var (judge, task) in submissions)
        {
            if (task.IsCompletedSuccessfully)
            {
                scores.Add(new JudgeScore(judge, flyer, task.Result));
            }
        }

        return (TrimmedMean(scores.Select(s => s.Points).ToList()), scores);
    }

    private static double TrimmedMean(List<double> points)
    {
        if (points.Count == 0)
        {
            return 0;
        }

        points.Sort();
        if (points.Count > 4)
        {
            points.RemoveAt(points.Count - 1);
            points.RemoveAt(0);
        }

        return points.Average();
    }
}

public sealed class FestivalArena
{
    private readonly RoutineScorer _scorer = new(TimeSpan.FromSeconds(45));

    public async Task<IReadOnlyDictionary<string, double>> ScoreRoundAsync(
        IReadOnlyList<string> flyers, IReadOnlyList<IJudgeTablet> tablets, CancellationToken ct)
    {
        var results = new Dictionary<string, double>();
        foreach (var flyer in flyers)
        {
            var (average, _) = await _scorer.ScoreAsync(flyer, tablets, ct).ConfigureAwait(false);
            results[flyer] = average;
        }

        return results;
    }
}
