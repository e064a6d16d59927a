using System.Collections.Concurrent;

namespace Blind66.SlateQuarry.Splitting;

public sealed record SplitJob(string BlockId, string Vein, int EstimatedSlates);

public sealed record SplittingReport(IReadOnlyList<int> SlatesPerSplitter, int JobsStolen, TimeSpan Elapsed);

/// <summary>
/// Schedules block-splitting jobs across the splitters in the dressing shed. Each splitter
/// works through its own pile and takes blocks from the others' piles when its own runs out.
/// </summary>
public sealed class DressingShedScheduler
{
    private readonly Func<SplitJob, CancellationToken, int> _split;

    public DressingShedScheduler(Func<SplitJob, CancellationToken, int> split) => _split = split;

    public async Task<SplittingReport> RunAsync(IReadOnlyList<SplitJob> jobs, int splitters, CancellationToken ct)
    {
        if (splitters <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(splitters));
        }

        var started = DateTimeOffset.UtcNow;
        var piles = new ConcurrentQueue<SplitJob>[splitters];
        for (var i = 0; i < splitters; i++)
        {
            piles[i] = new ConcurrentQueue<SplitJob>();
        }

        // Deal the heaviest blocks first so the piles start out roughly even.
        var dealt = 0;
        foreach (var job in jobs.OrderByDescending(j => j.EstimatedSlates))
        {
            piles[dealt++ % splitters].Enqueue(job);
        }

        var slates = new int[splitters];
        var stolen = 0;
        var workers = new Task[splitters];
        for (var s = 0; s < splitters; s++)
        {
            var me = s;
            workers[s] = Task.Run(() =>
            {
                while (TryNext(piles, me, out var job, out var wasStolen))
                {
                    ct.ThrowIfCancellationRequested();
                    if (wasStolen)
                    {
                        Interlocked.Increment(ref stolen);
                    }

                    slates[me] += _split(job, ct);
                }
            }, ct);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return new SplittingReport(slates, Volatile.Read(ref stolen), DateTimeOffset.UtcNow - started);
    }

    private static bool TryNext(ConcurrentQueue<SplitJob>[] piles, int me, out SplitJob job, out bool stolen)
    {
        if (piles[me].TryDequeue(out job!))
        {
            stolen = false;
            return true;
        }

        for (var offset = 1; offset < piles.Length; offset++)
        {
            var victim = piles[(me + offset) % piles.Length];
            if (victim.TryDequeue(out job!))
            {
                stolen = true;
                return true;
            }
        }

        stolen = false;
        return false;
    }
}
