using System.Collections.Concurrent;

namespace Blind27.FossilDigs.Sieving;

public sealed record SieveResult(string Grid, string Layer, int Microfossils, int Bones);

/// <summary>Per-grid-square counters updated concurrently by the sieving stations.</summary>
public sealed class GridCounters
{
    private int _microfossils;
    private int _bones;
    private int _bucketsSieved;

    public int Microfossils => Volatile.Read(ref _microfossils);
    public int Bones => Volatile.Read(ref _bones);
    public int BucketsSieved => Volatile.Read(ref _bucketsSieved);

    internal void Add(SieveResult result)
    {
        Interlocked.Add(ref _microfossils, result.Microfossils);
        Interlocked.Add(ref _bones, result.Bones);
        Interlocked.Increment(ref _bucketsSieved);
    }
}

/// <summary>
/// Aggregates wet-sieving results from the screening stations at the dig. Each station
/// posts results through the field API, so <see cref="Record"/> is called from many
/// request threads at once.
/// </summary>
public sealed class SievingTally
{
    private readonly ConcurrentDictionary<string, GridCounters> _byGrid = new(StringComparer.OrdinalIgnoreCase);
    private long _totalBuckets;

    public void Record(SieveResult result)
    {
        var counters = _byGrid.GetOrAdd(result.Grid, static _ => new GridCounters());
        counters.Add(result);
        Interlocked.Increment(ref _totalBuckets);
    }

    public long TotalBuckets => Interlocked.Read(ref _totalBuckets);

    public IReadOnlyList<(string Grid, int Microfossils, int Bones)> Richest(int top) =>
        _byGrid
            .Select(kv => (kv.Key, kv.Value.Microfossils, kv.Value.Bones))
            .OrderByDescending(t => t.Microfossils)
            .Take(top)
            .ToList();

    public void ImportArchive(IEnumerable<SieveResult> archived) =>
        Parallel.ForEach(archived, Record);
}
