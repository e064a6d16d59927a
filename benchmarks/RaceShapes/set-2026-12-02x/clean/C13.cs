using System.Collections.Concurrent;

namespace Blind24.MushroomClimate;

public sealed record HumidityCommand(string Room, double TargetPercent, DateTime IssuedUtc);

public interface IMistingValve
{
    void Apply(string room, double targetPercent);
}

/// <summary>
/// Serialises humidity set-point changes to the misting valves. The valve bus only
/// tolerates one command at a time, so every caller enqueues and a dedicated
/// thread drains the queue.
/// </summary>
public sealed class MistingCommandQueue : IDisposable
{
    private readonly BlockingCollection<HumidityCommand> _commands = new(new ConcurrentQueue<HumidityCommand>(), boundedCapacity: 256);
    private readonly IMistingValve _valve;
    private readonly Thread _worker;
    private readonly Dictionary<string, double> _applied = new();
    private IReadOnlyDictionary<string, double> _appliedSnapshot = new Dictionary<string, double>();

    public MistingCommandQueue(IMistingValve valve)
    {
        _valve = valve;
        _worker = new Thread(Drain) { IsBackground = true, Name = "misting-bus" };
        _worker.Start();
    }

    public bool Submit(string room, double targetPercent)
    {
        if (targetPercent is < 60 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(targetPercent));
        }

        return _commands.TryAdd(new HumidityCommand(room, targetPercent, DateTime.UtcNow), TimeSpan.FromSeconds(2));
    }

    public IReadOnlyDictionary<string, double> Applied => Volatile.Read(ref _appliedSnapshot);

    private void Drain()
    {
        foreach (var command in _commands.GetConsumingEnumerable())
        {
            if (_applied.TryGetValue(command.Room, out var current) && Math.Abs(current - command.TargetPercent) < 0.1)
            {
                continue;
            }

            _valve.Apply(command.Room, command.TargetPercent);
            _applied[command.Room] = command.TargetPercent;
            Volatile.Write(ref _appliedSnapshot, new Dictionary<string, double>(_applied));
        }
    }

    public void Dispose()
    {
        _commands.CompleteAdding();
        _worker.Join();
        _commands.Dispose();
    }
}

/// <summary>Reacts to hygrometer alarms raised by the room controllers.</summary>
public sealed class HumidityAlarmHandler
{
    private readonly MistingCommandQueue _queue;

    public HumidityAlarmHandler(MistingCommandQueue queue) => _queue = queue;

    public void OnAlarm(string room, double measuredPercent, double targetPercent)
    {
        double nudge = measuredPercent < targetPercent ? 2.0 : -2.0;
        ThreadPool.QueueUserWorkItem(_ => _queue.Submit(room, Math.Clamp(targetPercent + nudge, 60, 99)));
    }
}
