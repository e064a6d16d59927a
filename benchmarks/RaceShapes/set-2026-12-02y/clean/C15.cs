using System.Collections.Concurrent;

namespace Orchard.BloomSurvey;

public sealed record BlossomCount(string Block, int Tree, int OpenFlowers, int BeesObserved, DateTime At);

/// <summary>
/// Aggregates blossom and bee counts sent by survey volunteers' phones during
/// bloom. Registered as a singleton; phones post concurrently and the orchard
/// manager's dashboard reads summaries at the same time.
/// </summary>
public sealed class BloomSurveyLedger
{
    private sealed class BlockTally
    {
        public readonly object Gate = new();
        public readonly List<BlossomCount> Counts = new();
        public int Flowers;
        public int Bees;
    }

    private readonly ConcurrentDictionary<string, BlockTally> _blocks = new(StringComparer.Ordinal);

    public void Record(BlossomCount count)
    {
        var tally = _blocks.GetOrAdd(count.Block, static _ => new BlockTally());
        lock (tally.Gate)
        {
            tally.Counts.Add(count);
            tally.Flowers += count.OpenFlowers;
            tally.Bees += count.BeesObserved;
        }
    }

    public BlockSummary Summarize(string block)
    {
        if (!_blocks.TryGetValue(block, out var tally))
        {
            return new BlockSummary(block, 0, 0, 0, Array.Empty<int>());
        }

        lock (tally.Gate)
        {
            var trees = tally.Counts.Select(c => c.Tree).Distinct().OrderBy(t => t).ToArray();
            return new BlockSummary(block, tally.Counts.Count, tally.Flowers, tally.Bees, trees);
        }
    }

    public double BeesPerThousandFlowers()
    {
        long flowers = 0, bees = 0;
        foreach (var (_, tally) in _blocks)
        {
            lock (tally.Gate)
            {
                flowers += tally.Flowers;
                bees += tally.Bees;
            }
        }
        return flowers == 0 ? 0 : bees * 1000.0 / flowers;
    }
}

public sealed record BlockSummary(string Block, int Surveys, int Flowers, int Bees, IReadOnlyList<int> TreesSurveyed);

public static class VolunteerUploads
{
    public static Task UploadBatchAsync(BloomSurveyLedger ledger, IEnumerable<BlossomCount> batch) =>
        Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (c, _) =>
        {
            ledger.Record(c);
            return ValueTask.CompletedTask;
        });
}
