using System.Collections.Concurrent;

namespace Blind35.MothTrapping.Sorting;

public sealed record PotSample(string TrapId, string Species, int Count);

/// <summary>
/// Sorts egg-box contents from the night's light traps. The recorder reads the pots in the
/// field and a sorter task tallies species as the samples come in.
/// </summary>
public sealed class SpeciesSorter
{
    private readonly BlockingCollection<PotSample> _incoming = new(boundedCapacity: 64);
    private readonly Dictionary<string, int> _tally = new(StringComparer.OrdinalIgnoreCase);
    private int _samplesSorted;
    private Task? _sorter;

    public void Start()
    {
        _sorter = Task.Factory.StartNew(Sort, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void Add(PotSample sample) => _incoming.Add(sample);

    private void Sort()
    {
        foreach (var sample in _incoming.GetConsumingEnumerable())
        {
            _tally[sample.Species] = _tally.GetValueOrDefault(sample.Species) + sample.Count;
            _samplesSorted++;
        }
    }

    /// <summary>Stops accepting samples, waits for the sorter and returns the final tally.</summary>
    public async Task<(IReadOnlyDictionary<string, int> Tally, int Samples)> FinishAsync()
    {
        _incoming.CompleteAdding();
        if (_sorter is not null)
        {
            await _sorter.ConfigureAwait(false);
        }

        return (new Dictionary<string, int>(_tally), _samplesSorted);
    }
}

public static class NightRecording
{
    public static async Task<int> RunAsync(IEnumerable<IEnumerable<PotSample>> trapBoxes)
    {
        var sorter = new SpeciesSorter();
        sorter.Start();

        foreach (var box in trapBoxes)
        {
            foreach (var pot in box)
            {
                sorter.Add(pot);
            }
        }

        var (tally, samples) = await sorter.FinishAsync();
        foreach (var (species, count) in tally.OrderByDescending(kv => kv.Value).Take(10))
        {
            Console.WriteLine($"{species,-30} {count,5}");
        }

        return samples;
    }
}
