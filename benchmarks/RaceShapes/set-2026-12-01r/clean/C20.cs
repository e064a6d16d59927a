using System.Collections.Concurrent;

namespace Aquarium.FeedingPumps;

public sealed record FeedCommand(string TankId, double Millilitres, string FeedType);

public interface IPeristalticPump
{
    void Dispense(string feedType, double millilitres);
}

/// <summary>
/// Serializes feeding commands onto the single peristaltic pump manifold. Keepers'
/// handhelds and the feeding schedule submit commands; one worker thread runs the pump
/// and keeps the day's dispensed totals.
/// </summary>
public sealed class FeedingPumpWorker : IDisposable
{
    private readonly BlockingCollection<FeedCommand> _commands = new(boundedCapacity: 256);
    private readonly IPeristalticPump _pump;
    private readonly Dictionary<string, double> _dispensedByTank = new();
    private readonly Thread _worker;

    public FeedingPumpWorker(IPeristalticPump pump)
    {
        _pump = pump;
        _worker = new Thread(Run) { IsBackground = true, Name = "feeding-pump" };
        _worker.Start();
    }

    public bool Submit(FeedCommand command) => _commands.TryAdd(command, TimeSpan.FromSeconds(2));

    private void Run()
    {
        foreach (var command in _commands.GetConsumingEnumerable())
        {
            _pump.Dispense(command.FeedType, command.Millilitres);
            _dispensedByTank[command.TankId] = _dispensedByTank.GetValueOrDefault(command.TankId) + command.Millilitres;
        }
    }

    /// <summary>
    /// Stops accepting commands, lets the pump finish the queue and returns the day's totals.
    /// </summary>
    public IReadOnlyDictionary<string, double> Shutdown()
    {
        _commands.CompleteAdding();
        _worker.Join();
        return new Dictionary<string, double>(_dispensedByTank);
    }

    public void Dispose()
    {
        _commands.CompleteAdding();
        _worker.Join();
        _commands.Dispose();
    }
}

/// <summary>
/// Runs the morning feeding schedule across all tanks.
/// </summary>
public sealed class MorningFeedingSchedule
{
    private readonly FeedingPumpWorker _worker;

    public MorningFeedingSchedule(FeedingPumpWorker worker) => _worker = worker;

    public Task RunAsync(IEnumerable<FeedCommand> schedule)
    {
        return Task.Run(() =>
        {
            foreach (var command in schedule)
            {
                if (!_worker.Submit(command))
                {
                    throw new TimeoutException($"Pump queue full while feeding {command.TankId}");
                }
            }
        });
    }
}
