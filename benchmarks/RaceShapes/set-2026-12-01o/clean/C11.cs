namespace Archive.Digitisation.QualityControl;

public sealed record ScannedPage(string BoxId, int PageNumber, int Dpi, double SkewDegrees, double MeanBrightness);

public sealed record BoxQcResult(string BoxId, int PagesChecked, IReadOnlyList<int> PagesToRescan);

public sealed record BatchQcReport(int Boxes, int Pages, IReadOnlyDictionary<string, IReadOnlyList<int>> Rescans);

public interface IPageStore
{
    Task<IReadOnlyList<ScannedPage>> LoadBoxAsync(string boxId, CancellationToken ct);
}

/// <summary>
/// Quality control pass over a delivery of scanned archive boxes. Each box is checked
/// on its own task and the per-box results are merged into the batch report.
/// </summary>
public sealed class BatchQualityChecker
{
    private readonly IPageStore _store;
    private readonly int _minimumDpi;

    public BatchQualityChecker(IPageStore store, int minimumDpi = 400)
    {
        _store = store;
        _minimumDpi = minimumDpi;
    }

    public Task<BatchQcReport> CheckAsync(IEnumerable<string> boxIds, CancellationToken ct)
    {
        var perBox = boxIds.Select(boxId => Task.Run(() => CheckBoxAsync(boxId, ct), ct)).ToArray();

        return Task.WhenAll(perBox).ContinueWith(
            finished => Merge(finished.Result),
            ct,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private async Task<BoxQcResult> CheckBoxAsync(string boxId, CancellationToken ct)
    {
        var pages = await _store.LoadBoxAsync(boxId, ct);
        var rescans = new List<int>();

        foreach (var page in pages)
        {
            var tooDark = page.MeanBrightness < 40;
            var tooSkewed = Math.Abs(page.SkewDegrees) > 2.5;
            if (page.Dpi < _minimumDpi || tooDark || tooSkewed)
            {
                rescans.Add(page.PageNumber);
            }
        }

        return new BoxQcResult(boxId, pages.Count, rescans);
    }

    private static BatchQcReport Merge(BoxQcResult[] results)
    {
        var rescans = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        var pages = 0;
        foreach (var result in results)
        {
            pages += result.PagesChecked;
            if (result.PagesToRescan.Count > 0)
            {
                rescans[result.BoxId] = result.PagesToRescan;
            }
        }

        return new BatchQcReport(results.Length, pages, rescans);
    }
}
