using System.Collections.Concurrent;

namespace SalmonLadder.Counts;

public enum Species { Atlantic, Sea, Brown, Unknown }

public readonly record struct FishPass(int Pool, Species Species, double LengthCm, DateTime At);

public sealed record DailyTally(DateOnly Day, IReadOnlyDictionary<Species, int> BySpecies, double MeanLengthCm);

/// <summary>
/// Counts fish passing the ladder's counting window. The resistivity counters push
/// passes from their driver threads and a tally thread does the counting; the
/// day's tally is returned when the day is closed.
/// </summary>
public sealed class LadderCounter : IDisposable
{
    private readonly BlockingCollection<FishPass> _passes = new(boundedCapacity: 10_000);
    private readonly Thread _tallyThread;
    private readonly Dictionary<Species, int> _bySpecies = new();
    private double _lengthSum;
    private int _measured;
    private DailyTally? _result;
    private readonly DateOnly _day;

    public LadderCounter(DateOnly day)
    {
        _day = day;
        _tallyThread = new Thread(TallyLoop) { IsBackground = true, Name = $"ladder-tally-{day:yyyyMMdd}" };
        _tallyThread.Start();
    }

    /// <summary>Called by the counter drivers, from any thread.</summary>
    public bool Post(FishPass pass) => _passes.TryAdd(pass, millisecondsTimeout: 100);

    private void TallyLoop()
    {
        foreach (var pass in _passes.GetConsumingEnumerable())
        {
            _bySpecies[pass.Species] = _bySpecies.GetValueOrDefault(pass.Species) + 1;
            if (pass.LengthCm > 0)
            {
                _lengthSum += pass.LengthCm;
                _measured++;
            }
        }

        _result = new DailyTally(_day,
            new Dictionary<Species, int>(_bySpecies),
            _measured == 0 ? 0 : _lengthSum / _measured);
    }

    /// <summary>Stops accepting passes and waits for the tally thread to finish counting.</summary>
    public DailyTally CloseDay()
    {
        _passes.CompleteAdding();
        _tallyThread.Join();
        return _result!;
    }

    public void Dispose()
    {
        if (!_passes.IsAddingCompleted)
        {
            _passes.CompleteAdding();
            _tallyThread.Join();
        }
        _passes.Dispose();
    }
}

public static class CounterDrivers
{
    public static Task[] Start(LadderCounter counter, IEnumerable<IEnumerable<FishPass>> feeds) =>
        feeds.Select(feed => Task.Factory.StartNew(() =>
        {
            foreach (var pass in feed)
            {
                while (!counter.Post(pass)) { }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
}
