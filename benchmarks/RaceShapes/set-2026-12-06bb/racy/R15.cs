using System.Collections.Concurrent;

namespace Blind54.PuzzleHunt.Grading;

public sealed record Submission(string TeamId, string PuzzleId, string Answer, DateTime SubmittedUtc);

public sealed record RoundResult(IReadOnlyList<Submission> Accepted, IReadOnlyList<Submission> Rejected);

public interface IAnswerChecker
{
    ValueTask<bool> CheckAsync(string puzzleId, string answer, CancellationToken ct);
}

/// <summary>
/// Grades every submission of a hunt round once the round closes. Answer checks hit the
/// puzzle database, so they are run with bounded parallelism.
/// </summary>
public sealed class RoundGrader
{
    private readonly IAnswerChecker _checker;

    public RoundGrader(IAnswerChecker checker) => _checker = checker;

    public async Task<RoundResult> GradeAsync(IEnumerable<Submission> submissions, CancellationToken ct)
    {
        var accepted = new List<Submission>();
        var rejected = new ConcurrentBag<Submission>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct };

        await Parallel.ForEachAsync(submissions, options, async (submission, token) =>
        {
            var normalised = Normalise(submission.Answer);
            var correct = await _checker.CheckAsync(submission.PuzzleId, normalised, token);
            if (correct)
            {
                accepted.Add(submission);
            }
            else
            {
                rejected.Add(submission);
            }
        });

        var ordered = accepted.OrderBy(s => s.SubmittedUtc).ToList();
        return new RoundResult(ordered, rejected.ToList());
    }

    private static string Normalise(string answer) =>
        new string(answer.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
