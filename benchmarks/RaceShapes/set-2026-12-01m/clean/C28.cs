namespace Proctoring.Grading;

public sealed record Submission(string CandidateId, string ExamId, IReadOnlyDictionary<int, string> Answers);

public sealed class GradeDraft
{
    public GradeDraft(string candidateId) => CandidateId = candidateId;

    public string CandidateId { get; }
    public int Correct { get; set; }
    public int Total { get; set; }
    public List<string> Flags { get; } = new();
}

public sealed record GradeReport(string CandidateId, double Percent, IReadOnlyList<string> Flags, bool Provisional);

/// <summary>
/// Grades a submitted exam: auto-marking, then a similarity check, then the final report.
/// </summary>
public sealed class ExamGrader
{
    private readonly IReadOnlyDictionary<int, string> _answerKey;
    private readonly Func<Submission, IEnumerable<string>> _similarityCheck;

    public ExamGrader(IReadOnlyDictionary<int, string> answerKey, Func<Submission, IEnumerable<string>> similarityCheck)
    {
        _answerKey = answerKey;
        _similarityCheck = similarityCheck;
    }

    public Task<GradeReport> GradeAsync(Submission submission)
    {
        return Task.Run(() => AutoMark(submission))
            .ContinueWith(
                marked =>
                {
                    var draft = marked.Result;
                    draft.Flags.AddRange(_similarityCheck(submission));
                    return draft;
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default)
            .ContinueWith(
                checkedDraft =>
                {
                    var draft = checkedDraft.Result;
                    var percent = draft.Total == 0 ? 0 : 100.0 * draft.Correct / draft.Total;
                    return new GradeReport(draft.CandidateId, Math.Round(percent, 1), draft.Flags.ToList(), draft.Flags.Count > 0);
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);
    }

    private GradeDraft AutoMark(Submission submission)
    {
        var draft = new GradeDraft(submission.CandidateId) { Total = _answerKey.Count };
        foreach (var (question, expected) in _answerKey)
        {
            if (submission.Answers.TryGetValue(question, out var given)
                && string.Equals(given.Trim(), expected, StringComparison.OrdinalIgnoreCase))
            {
                draft.Correct++;
            }
        }

        return draft;
    }
}
