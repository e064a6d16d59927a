namespace Cinema.Projection.Ingest;

public sealed record DcpReel(string ReelId, long SizeBytes);

public sealed record IngestProgress(string ReelId, long BytesCopied, long ReelSize);

public interface IDcpCopier
{
    Task CopyReelAsync(DcpReel reel, IProgress<IngestProgress> progress, CancellationToken ct);
}

/// <summary>
/// Ingests a digital cinema package onto the projector's media block. Reels are copied
/// in parallel; progress reports arrive from the copier threads and feed the booth display.
/// </summary>
public sealed class DcpIngestJob
{
    private readonly IDcpCopier _copier;
    private long _bytesCopied;
    private long _totalBytes;
    private int _reelsFinished;
    private int _highestPercent;

    public DcpIngestJob(IDcpCopier copier) => _copier = copier;

    public int PercentComplete => Volatile.Read(ref _highestPercent);

    public int ReelsFinished => Volatile.Read(ref _reelsFinished);

    public async Task IngestAsync(IReadOnlyList<DcpReel> reels, CancellationToken ct)
    {
        Interlocked.Exchange(ref _totalBytes, reels.Sum(r => r.SizeBytes));
        Interlocked.Exchange(ref _bytesCopied, 0);

        var perReelCopied = new long[reels.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct };

        await Parallel.ForEachAsync(Enumerable.Range(0, reels.Count), options, async (index, token) =>
        {
            var progress = new Progress<IngestProgress>(report => OnReelProgress(perReelCopied, index, report.BytesCopied));
            await _copier.CopyReelAsync(reels[index], progress, token);
            Interlocked.Increment(ref _reelsFinished);
        });
    }

    private void OnReelProgress(long[] perReelCopied, int index, long copiedSoFar)
    {
        // Reports for one reel may be delivered out of order; only move forward.
        long previous;
        do
        {
            previous = Interlocked.Read(ref perReelCopied[index]);
            if (copiedSoFar <= previous)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref perReelCopied[index], copiedSoFar, previous) != previous);

        var copied = Interlocked.Add(ref _bytesCopied, copiedSoFar - previous);
        var total = Interlocked.Read(ref _totalBytes);
        var percent = total == 0 ? 100 : (int)(copied * 100 / total);

        var seen = Volatile.Read(ref _highestPercent);
        while (percent > seen)
        {
            var observed = Interlocked.CompareExchange(ref _highestPercent, percent, seen);
            if (observed == seen)
            {
                break;
            }

            seen = observed;
        }
    }
}
