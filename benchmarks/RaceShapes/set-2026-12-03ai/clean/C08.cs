using System.Collections.Concurrent;

namespace Blind35.PeatCutting.Barrows;

public sealed record BankSection(string Id, int Rows, int BlocksPerRow, string Crew);

public sealed class BarrowLoadedEventArgs : EventArgs
{
    public BarrowLoadedEventArgs(string crew, int blocks)
    {
        Crew = crew;
        Blocks = blocks;
    }

    public string Crew { get; }
    public int Blocks { get; }
}

/// <summary>Runs the cutting crews over the day's bank sections in parallel.</summary>
public sealed class CrewScheduler
{
    public event EventHandler<BarrowLoadedEventArgs>? BarrowLoaded;

    public void CutAll(IEnumerable<BankSection> sections)
    {
        Parallel.ForEach(sections, new ParallelOptions { MaxDegreeOfParallelism = 4 }, section =>
        {
            for (var row = 0; row < section.Rows; row++)
            {
                BarrowLoaded?.Invoke(this, new BarrowLoadedEventArgs(section.Crew, section.BlocksPerRow));
            }
        });
    }
}

/// <summary>Tallies blocks per crew for the cooperative's share-out at the end of the season.</summary>
public sealed class ShareOutTally
{
    private readonly ConcurrentDictionary<string, int> _blocksByCrew = new(StringComparer.OrdinalIgnoreCase);
    private long _totalBlocks;

    public void Subscribe(CrewScheduler scheduler) => scheduler.BarrowLoaded += OnBarrowLoaded;

    public long TotalBlocks => Interlocked.Read(ref _totalBlocks);

    public IReadOnlyDictionary<string, double> Shares()
    {
        var snapshot = _blocksByCrew.ToArray();
        var total = snapshot.Sum(kv => (double)kv.Value);
        return snapshot.ToDictionary(kv => kv.Key, kv => total == 0 ? 0 : kv.Value / total);
    }

    private void OnBarrowLoaded(object? sender, BarrowLoadedEventArgs e)
    {
        _blocksByCrew.AddOrUpdate(e.Crew, e.Blocks, (_, existing) => existing + e.Blocks);
        Interlocked.Add(ref _totalBlocks, e.Blocks);
    }
}
