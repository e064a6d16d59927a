namespace Blind61.MarathonTiming.Splits;

public sealed record SplitMat(string Name, double Km, Uri ReaderEndpoint);

public sealed record MatSummary(string Mat, int Reads, TimeSpan? Fastest);

public interface IMatReaderClient
{
    Task<IReadOnlyList<(string Bib, TimeSpan ChipTime)>> DownloadAsync(Uri endpoint, CancellationToken ct);
}

/// <summary>
/// Downloads chip reads from every split mat on the course at once and summarises them for
/// the race director's screen.
/// </summary>
public sealed class SplitDownloader
{
    private readonly IMatReaderClient _client;

    public SplitDownloader(IMatReaderClient client) => _client = client;

    public async Task<IReadOnlyList<MatSummary>> DownloadAllAsync(IReadOnlyList<SplitMat> mats, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var summaries = new MatSummary[mats.Count];

        var downloads = mats.Select(async (mat, index) =>
        {
            try
            {
                var reads = await _client.DownloadAsync(mat.ReaderEndpoint, cts.Token).ConfigureAwait(false);
                TimeSpan? fastest = reads.Count == 0 ? null : reads.Min(r => r.ChipTime);
                summaries[index] = new MatSummary(mat.Name, reads.Count, fastest);
            }
            catch (OperationCanceledException)
            {
                summaries[index] = new MatSummary(mat.Name + " (timed out)", 0, null);
            }
        }).ToArray();

        await Task.WhenAll(downloads).ConfigureAwait(false);
        return summaries;
    }

    /// <summary>Returns whichever of the two redundant finish-line readers answers first.</summary>
    public async Task<IReadOnlyList<(string Bib, TimeSpan ChipTime)>> FinishLineAsync(Uri primary, Uri backup, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var a = _client.DownloadAsync(primary, linked.Token);
        var b = _client.DownloadAsync(backup, linked.Token);

        var first = await Task.WhenAny(a, b).ConfigureAwait(false);
        if (first.Status == TaskStatus.RanToCompletion)
        {
            linked.Cancel();
            await IgnoreFailure(first == a ? b : a).ConfigureAwait(false);
            return first.Result;
        }

        var other = first == a ? b : a;
        return await other.ConfigureAwait(false);
    }

    private static async Task IgnoreFailure(Task task)
    {
        try { await task.ConfigureAwait(false); }
        catch { /* the slower reader was cancelled or failed; we already have results */ }
    }
}
