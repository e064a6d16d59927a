using System.Collections.Concurrent;

namespace Blind34.Saltmarsh.WaderCount;

/// <summary>
/// Counts waders reported during the high-tide roost count. Every counter on
/// the sea wall reports through the same instance, and the coordinator's
/// screen asks for totals while the count is going on.
/// </summary>
public sealed class RoostCount
{
    private readonly ConcurrentDictionary<string, int> _bySpecies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _sectors = new(StringComparer.OrdinalIgnoreCase);
    private long _totalBirds;
    private int _reports;

    public void Report(string sector, string species, int birds)
    {
        if (birds <= 0)
        {
            return;
        }

        _bySpecies.AddOrUpdate(species, birds, (_, existing) => existing + birds);
        _sectors.TryAdd(sector, 0);
        Interlocked.Add(ref _totalBirds, birds);
        Interlocked.Increment(ref _reports);
    }

    public long TotalBirds => Interlocked.Read(ref _totalBirds);

    public int Reports => Volatile.Read(ref _reports);

    public int SectorsReporting => _sectors.Count;

    public IReadOnlyList<KeyValuePair<string, int>> Leaders(int top) =>
        _bySpecies.ToArray()
            .OrderByDescending(kv => kv.Value)
            .Take(top)
            .ToList();
}

public sealed class SeaWallCounters
{
    private readonly RoostCount _count;

    public SeaWallCounters(RoostCount count) => _count = count;

    public Task RunAsync(IReadOnlyDictionary<string, IReadOnlyList<(string Species, int Birds)>> sheets) =>
        Parallel.ForEachAsync(sheets, async (sheet, ct) =>
        {
            foreach (var (species, birds) in sheet.Value)
            {
                _count.Report(sheet.Key, species, birds);
                await Task.Yield();
            }
        });

    public string Progress() =>
        $"{_count.Reports} reports from {_count.SectorsReporting} sectors, {_count.TotalBirds} birds";
}
