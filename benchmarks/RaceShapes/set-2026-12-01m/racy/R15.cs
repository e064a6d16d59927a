namespace CodeStyle.Batches;

public sealed record Diagnostic(string File, int Line, string RuleId, string Message);

public sealed record LintBatchResult(IReadOnlyList<Diagnostic> Diagnostics, int FilesChecked, int FilesSkipped);

public interface IFileLinter
{
    IEnumerable<Diagnostic> Check(string path);
}

/// <summary>
/// Lints a list of files for the pre-merge check. The pipeline cancels the token when
/// the job's time budget runs out; files not yet checked are reported as skipped.
/// </summary>
public sealed class LintBatch
{
    private readonly IFileLinter _linter;
    private readonly Queue<string> _remaining;
    private readonly int _total;

    public LintBatch(IFileLinter linter, IEnumerable<string> files)
    {
        _linter = linter;
        _remaining = new Queue<string>(files.Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)));
        _total = _remaining.Count;
    }

    public LintBatchResult Run(CancellationToken budget)
    {
        var diagnostics = new List<Diagnostic>();
        var checkedCount = 0;

        using var registration = budget.Register(() => _remaining.Clear());

        while (_remaining.Count > 0)
        {
            var file = _remaining.Dequeue();
            diagnostics.AddRange(_linter.Check(file));
            checkedCount++;
        }

        return new LintBatchResult(diagnostics, checkedCount, _total - checkedCount);
    }
}

public static class PreMergeCheck
{
    public static LintBatchResult Execute(IFileLinter linter, IEnumerable<string> changedFiles, TimeSpan budget)
    {
        using var cts = new CancellationTokenSource();
        cts.CancelAfter(budget);
        return new LintBatch(linter, changedFiles).Run(cts.Token);
    }
}
