namespace Blind60.DryStoneWalling.Survey;

public sealed record WallSection(string Id, double LengthMetres, double HeightMetres, string Condition);

public sealed record SurveyProgress(int SectionsDone, int SectionsTotal, double MetresNeedingRebuild);

public sealed record SurveyResult(string SectionId, double RebuildMetres, int TonnesOfStone);

public interface ISectionInspector
{
    Task<SurveyResult> InspectAsync(WallSection section, CancellationToken ct);
}

/// <summary>
/// Runs the estate's annual wall survey: each section's drone photos are analysed in
/// parallel and progress is reported back to the surveyor's tablet app.
/// </summary>
public sealed class WallSurveyRunner
{
    private readonly ISectionInspector _inspector;

    public WallSurveyRunner(ISectionInspector inspector) => _inspector = inspector;

    public async Task<IReadOnlyList<SurveyResult>> RunAsync(
        IReadOnlyList<WallSection> sections,
        IProgress<SurveyProgress>? progress,
        CancellationToken ct)
    {
        var results = new SurveyResult?[sections.Count];
        int done = 0;
        long rebuildCentimetres = 0;

        await Parallel.ForEachAsync(
            Enumerable.Range(0, sections.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct },
            async (index, token) =>
            {
                var result = await _inspector.InspectAsync(sections[index], token).ConfigureAwait(false);
                results[index] = result;

                var metres = Interlocked.Add(ref rebuildCentimetres, (long)Math.Round(result.RebuildMetres * 100)) / 100.0;
                var count = Interlocked.Increment(ref done);
                progress?.Report(new SurveyProgress(count, sections.Count, metres));
            }).ConfigureAwait(false);

        return results.Select(r => r!).ToArray();
    }
}

/// <summary>Progress sink for the tablet app; keeps only the furthest-along report.</summary>
public sealed class LatestProgress : IProgress<SurveyProgress>
{
    private SurveyProgress? _latest;
    private readonly object _gate = new();

    public void Report(SurveyProgress value)
    {
        lock (_gate)
        {
            if (_latest is null || value.SectionsDone > _latest.SectionsDone)
            {
                _latest = value;
            }
        }
    }

    public SurveyProgress? Latest
    {
        get { lock (_gate) return _latest; }
    }
}
